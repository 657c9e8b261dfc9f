import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  /**
   * Stable per message (e.g. the outbox row): it becomes the Message-ID, so a redelivery after a crash is the
   * same message to every mail server and client (they drop duplicates by Message-ID), and the same .eml file.
   */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; content: Uint8Array; contentType: string }>;
}

/** Sends mail; returns where it went (an SMTP message id or a file path) for the log. */
export interface MailTransport {
  send(message: MailMessage): Promise<string>;
}

const FROM = "Frontrow <tickets@frontrow.local>";

/** SMTP when a URL is given; otherwise each message is written as an .eml file into `folder`. */
export function createMailTransport(options: { smtpUrl?: string; folder: string }): MailTransport {
  if (options.smtpUrl) {
    const smtp = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        const info = await smtp.sendMail(envelope(message));
        return String(info.messageId);
      },
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await files.sendMail(envelope(message));
      await mkdir(options.folder, { recursive: true });
      const file = path.join(options.folder, `${message.idempotencyKey.replace(/[^\w.-]/g, "_")}.eml`);
      await writeFile(file, info.message as Buffer);
      return file;
    },
  };
}

function envelope(message: MailMessage) {
  const { idempotencyKey, attachments, ...rest } = message;
  return {
    from: FROM,
    ...rest,
    messageId: `<${idempotencyKey}@frontrow.local>`,
    attachments: attachments?.map((attachment) => ({
      filename: attachment.filename,
      content: Buffer.from(attachment.content),
      contentType: attachment.contentType,
    })),
  };
}

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
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
        const info = await smtp.sendMail({ from: FROM, ...message, attachments: toAttachments(message) });
        return String(info.messageId);
      },
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await files.sendMail({ from: FROM, ...message, attachments: toAttachments(message) });
      await mkdir(options.folder, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${String(info.messageId).replace(/[^\w.-]/g, "")}.eml`;
      const file = path.join(options.folder, name);
      await writeFile(file, info.message as Buffer);
      return file;
    },
  };
}

function toAttachments(message: MailMessage) {
  return message.attachments?.map((attachment) => ({
    filename: attachment.filename,
    content: Buffer.from(attachment.content),
    contentType: attachment.contentType,
  }));
}

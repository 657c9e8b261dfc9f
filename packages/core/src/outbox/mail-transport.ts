import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { onFirstUse } from "../on-first-use";

export interface MailMessage {
  /**
   * Stable per message (e.g. the outbox row and its order): it becomes the Message-ID's local part, so a
   * redelivery after a crash is the same message to every mail server and client (they drop duplicates by
   * Message-ID), and the same .eml file. Include something random (an order's UUID) so that two installs, whose
   * row numbers both start at 1, never send the same Message-ID.
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

/**
 * SMTP when a URL is given; otherwise each message is written as an .eml file into `folder`. `domain` is this
 * install's own (its public host), the right-hand side of every Message-ID.
 */
export function createMailTransport(options: { smtpUrl?: string; folder: string; domain?: string }): MailTransport {
  const domain = options.domain ?? "frontrow.local";
  // nodemailer loads with the first message, not at start-up: most server processes never send one.
  const nodemailer = () => import("nodemailer").then((module) => module.default);
  const { smtpUrl } = options;
  if (smtpUrl) {
    const smtp = onFirstUse(async () => (await nodemailer()).createTransport(smtpUrl));
    return {
      async send(message) {
        const info = await (await smtp()).sendMail(envelope(message, domain));
        return String(info.messageId);
      },
    };
  }
  const files = onFirstUse(async () =>
    (await nodemailer()).createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );
  return {
    async send(message) {
      const info = await (await files()).sendMail(envelope(message, domain));
      await mkdir(options.folder, { recursive: true });
      const file = path.join(options.folder, `${message.idempotencyKey.replace(/[^\w.-]/g, "_")}.eml`);
      await writeFile(file, info.message as Buffer);
      return file;
    },
  };
}

function envelope(message: MailMessage, domain: string) {
  const { idempotencyKey, attachments, ...rest } = message;
  return {
    from: FROM,
    ...rest,
    messageId: `<${idempotencyKey}@${domain}>`,
    attachments: attachments?.map((attachment) => ({
      filename: attachment.filename,
      content: Buffer.from(attachment.content),
      contentType: attachment.contentType,
    })),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { OutgoingMessage } from './message';

/**
 * Where messages go: an SMTP server (SMTP_URL) or, without one, .eml files in the outbox folder,
 * so a default install shows exactly what it would have sent. Both build the message with
 * nodemailer, so an .eml file is byte for byte what SMTP would have carried.
 */
export interface Mailer {
  kind: 'smtp' | 'outbox';
  /** Hands the message over; resolves once the server (or the file system) has accepted it. */
  send(message: OutgoingMessage, envelope: { from: string; messageId: string; date: Date }): Promise<void>;
  /**
   * Whether a message with this Message-ID is known to have been accepted. The outbox can tell (the
   * file is there or not); an SMTP server cannot be asked, so it answers null: unknown.
   */
  wasAccepted(messageId: string): boolean | null;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string; outboxDir: string }): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl) : outboxMailer(options.outboxDir);
}

function mailOptions(message: OutgoingMessage, envelope: { from: string; messageId: string; date: Date }) {
  return {
    from: envelope.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: envelope.messageId,
    date: envelope.date,
    headers: message.headers,
    attachments: message.attachments.map((a) => ({ ...a, contentDisposition: 'inline' as const })),
  };
}

function smtpMailer(url: string): Mailer {
  // Short timeouts: a dead server should fail this attempt (and be retried later), not hang the job.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 } as never);
  return {
    kind: 'smtp',
    async send(message, envelope) {
      await transport.sendMail(mailOptions(message, envelope));
    },
    wasAccepted: () => null,
    close: () => transport.close(),
  };
}

function outboxMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const suffix = (messageId: string) => `-${messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.-]/g, '_')}.eml`;
  return {
    kind: 'outbox',
    async send(message, envelope) {
      const info = await transport.sendMail(mailOptions(message, envelope));
      fs.mkdirSync(dir, { recursive: true });
      const stamp = envelope.date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const file = path.join(dir, `${stamp}-${message.to.replace(/[^A-Za-z0-9@.-]/g, '_')}${suffix(envelope.messageId)}`);
      // Written aside and renamed: a file in the outbox is always a whole message, so its presence
      // proves the message was "accepted" even if the process dies right after.
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, info.message as Buffer);
      fs.renameSync(partial, file);
    },
    wasAccepted(messageId) {
      if (!fs.existsSync(dir)) return false;
      const end = suffix(messageId);
      return fs.readdirSync(dir).some((f) => f.endsWith(end));
    },
    close: () => transport.close(),
  };
}

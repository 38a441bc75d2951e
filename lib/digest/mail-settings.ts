import type { Config } from '../config';
import { createMailer, type Mailer } from './mailer';

/** The transport, sender and link base from the environment: what the CLI and the worker send with. */
export function mailSettings(config: Config): { mailer: Mailer; appUrl: string; from: string } {
  return {
    mailer: createMailer({ smtpUrl: config.SMTP_URL, outboxDir: config.CHIPWATCH_OUTBOX_DIR }),
    appUrl: config.APP_URL,
    from: config.DIGEST_FROM,
  };
}

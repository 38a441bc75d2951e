import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'digest';
export const SMTP_PASSWORD = 's3cret';

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that requires a login and keeps every accepted
 * message parsed by mailparser. `stop()` closes the port (a dead server: connections refused) and
 * `start()` opens the same port again, for down-then-up tests.
 */
export async function startSmtpSink() {
  const messages: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;

  async function start(): Promise<void> {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
        else callback(new Error('invalid username or password'));
      },
      onData(stream, _session, callback) {
        // skipImageLinks: keep cid: references as sent, instead of inlining them as data: URLs.
        simpleParser(stream, { skipImageLinks: true }).then(
          (mail) => {
            messages.push(mail);
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await start();
  return {
    messages,
    get url() {
      return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`;
    },
    start,
    stop,
    to: (address: string) => messages.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.value.some((v) => v.address === address))),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

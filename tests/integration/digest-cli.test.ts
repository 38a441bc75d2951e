import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db';
import { runCli } from '../helpers/run-cli';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { freePort } from '../helpers/free-port';

let dir: string;
let env: Record<string, string>;
let smtp: SmtpSink;
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });
const outbox = () => path.join(dir, 'outbox');
const emlFiles = () => (fs.existsSync(outbox()) ? fs.readdirSync(outbox()).filter((f) => f.endsWith('.eml')) : []);

function subscriptionCount(): number {
  const db = openDb(env.DATABASE_PATH);
  try {
    return (db.$client.prepare('SELECT count(*) AS n FROM digest_subscriptions').get() as { n: number }).n;
  } finally {
    db.$client.close();
  }
}

/** The audit log's lines about an address: the CLI records its changes as `cli`. */
function audited(email: string): { actor: string; user_id: number | null; action: string }[] {
  const db = openDb(env.DATABASE_PATH);
  try {
    return db.$client.prepare('SELECT actor, user_id, action FROM audit_log WHERE target = ? ORDER BY id').all(email) as { actor: string; user_id: number | null; action: string }[];
  } finally {
    db.$client.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-digest-cli-'));
  env = { DATABASE_PATH: path.join(dir, 'cli.db'), CHIPWATCH_OUTBOX_DIR: outbox(), APP_URL: 'https://dash.example.test' };
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Every step runs the real CLI as a process (a few seconds each on a shared machine).
describe('digest CLI contract', { timeout: 90_000 }, () => {
  it('subscribe validates every flag and changes nothing on bad input', { timeout: 120_000 }, async () => {
    const bad: [string[], RegExp][] = [
      [['--email', 'not-an-address'], /--email: not an email address/],
      [['--email', 'a@b.test', '--company', 'no-such-co'], /--company: unknown company "no-such-co"/],
      [['--email', 'a@b.test', '--tz', 'Mars/Olympus'], /--tz: unknown time zone "Mars\/Olympus"/],
      [['--email', 'a@b.test', '--hour', '25'], /--hour: hour must be a whole hour from 0 to 23/],
    ];
    // Every other field's checks run in-process in tests/unit/subscription-input.test.ts.
    // Two at a time: each is a real CLI process, and two cores are shared.
    for (let i = 0; i < bad.length; i += 2) {
      const batch = bad.slice(i, i + 2);
      const results = await Promise.all(batch.map(([args]) => cli(['digest', 'subscribe', ...args])));
      results.forEach((r, j) => {
        expect(r.status, batch[j][0].join(' ')).toBe(1);
        expect(r.stderr).toMatch(batch[j][1]);
      });
    }
    const missing = await cli(['digest', 'subscribe']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --email');
    expect(subscriptionCount()).toBe(0);
  });

  it('subscribe, then list --json shows the subscription with its filters', async () => {
    const r = await cli(['digest', 'subscribe', '--email', 'Buyer@Example.com', '--company', 'micron', '--company', 'tsmc', '--country', 'cn', '--region', 'east-asia', '--watchlist', '--type', 'import-ban', '--type', 'export-control', '--min-severity', '0.5', '--cadence', 'weekly', '--hour', '7', '--tz', 'Europe/Amsterdam']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('subscribed buyer@example.com');
    const empty = await cli(['digest', 'subscribe', '--email', 'all@example.com', '--send-when-empty']);
    expect(empty.status).toBe(0);

    const list = await cli(['digest', 'list', '--json']);
    expect(list.status).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows.find((s) => s.email === 'buyer@example.com')).toMatchObject({
      status: 'active',
      cadence: 'weekly',
      hour: 7,
      tz: 'Europe/Amsterdam',
      companies: ['micron', 'tsmc'],
      watchlist: true,
      countries: ['CN'],
      region: 'east-asia',
      types: ['import-ban', 'export-control'],
      minSeverity: 0.5,
      lastDelivery: null,
      // Made from the command line: nobody owns it, so only admins change it from the dashboard.
      ownerUserId: null,
      owner: null,
    });
    expect(audited('buyer@example.com')).toEqual([{ actor: 'cli', user_id: null, action: 'subscription.create' }]);
    expect(rows.find((s) => s.email === 'all@example.com')).toMatchObject({ cadence: 'daily', hour: 8, tz: 'UTC', sendWhenEmpty: true });
    expect((await cli(['digest', 'list'])).stdout).toContain('buyer@example.com [active] weekly on Monday at 07:00 Europe/Amsterdam');
  });

  it('preview prints the text part of the next digest', async () => {
    const r = await cli(['digest', 'preview', '--email', 'buyer@example.com']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^chipwatch weekly digest\n.*\(Europe\/Amsterdam\)\nFollowing companies: the watchlist, micron, tsmc; countries: CN; region: east-asia/);
    expect(r.stdout).toContain('Unsubscribe: https://dash.example.test/unsubscribe?token=');
    const unknown = await cli(['digest', 'preview', '--email', 'nobody@example.com']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('no subscription for nobody@example.com');
  });

  it('send --dry-run sends nothing; send writes .eml files to the outbox without SMTP_URL; a rerun sends nothing', async () => {
    const dry = await cli(['digest', 'send', '--now', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('all@example.com daily:');
    expect(dry.stdout).toContain('nothing sent or recorded');
    expect(emlFiles()).toHaveLength(0);

    const sent = await cli(['digest', 'send', '--now']);
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/digests: 1 sent \(written to .*outbox: SMTP_URL is not set\), 1 empty, 0 failed/);
    expect(emlFiles()).toHaveLength(1);
    const mail = await simpleParser(fs.readFileSync(path.join(outbox(), emlFiles()[0])));
    expect(mail.subject).toMatch(/^chipwatch daily digest to .*: nothing new$/);
    expect(mail.text).toContain('Nothing new in this period.');

    const rerun = await cli(['digest', 'send', '--now']);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain('0 sent');
    expect(emlFiles()).toHaveLength(1);
    const list = JSON.parse((await cli(['digest', 'list', '--json'])).stdout) as { email: string; lastDelivery: { status: string } | null }[];
    expect(list.find((s) => s.email === 'all@example.com')!.lastDelivery).toMatchObject({ status: 'sent' });
  });

  it('send exits non-zero and names the failed send when the SMTP server is down, then delivers once it is up', async () => {
    await cli(['digest', 'subscribe', '--email', 'smtp@example.com', '--send-when-empty']);
    const down = await cli(['digest', 'send', '--now'], { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/error: digest for smtp@example\.com \(daily:\d{4}-\d{2}-\d{2}\) failed: .*ECONNREFUSED/);
    const list = JSON.parse((await cli(['digest', 'list', '--json'])).stdout) as { email: string; lastDelivery: { status: string; error: string } }[];
    expect(list.find((s) => s.email === 'smtp@example.com')!.lastDelivery).toMatchObject({ status: 'failed', error: expect.stringContaining('ECONNREFUSED') });

    const up = await cli(['digest', 'send', '--now'], { SMTP_URL: smtp.url });
    expect(up.status).toBe(0);
    expect(up.stdout).toContain('smtp@example.com daily:');
    expect(smtp.to('smtp@example.com')).toHaveLength(1);
    expect((await cli(['digest', 'send', '--now'], { SMTP_URL: smtp.url })).status).toBe(0);
    expect(smtp.to('smtp@example.com')).toHaveLength(1);
  });

  it('a bad SMTP_URL stops the command with the variable named', async () => {
    const r = await cli(['digest', 'send'], { SMTP_URL: 'http://mail.example.com' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SMTP_URL: must be an smtp:// or smtps:// URL');
  });

  it('unsubscribe stops the subscription; list leaves it out; unknown addresses are an error', async () => {
    const r = await cli(['digest', 'unsubscribe', '--email', 'buyer@example.com']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('unsubscribed buyer@example.com');
    expect(audited('buyer@example.com').at(-1)).toEqual({ actor: 'cli', user_id: null, action: 'subscription.unsubscribe' });
    const rows = JSON.parse((await cli(['digest', 'list', '--json'])).stdout) as { email: string }[];
    expect(rows.map((s) => s.email)).not.toContain('buyer@example.com');
    const all = JSON.parse((await cli(['digest', 'list', '--json', '--all'])).stdout) as { email: string; status: string }[];
    expect(all.find((s) => s.email === 'buyer@example.com')!.status).toBe('unsubscribed');
    const unknown = await cli(['digest', 'unsubscribe', '--email', 'nobody@example.com']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no subscription for nobody@example.com');
  });
});

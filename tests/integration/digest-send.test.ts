import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDeliveries } from '../../db/schema';
import { claimDelivery } from '../../lib/digest/deliveries';
import { createMailer, type Mailer } from '../../lib/digest/mailer';
import { findSubscriptionByToken, unsubscribe } from '../../lib/digest/manage-subscriptions';
import { sendDigests } from '../../lib/digest/send-digests';
import { lastCompletedPeriod } from '../../lib/digest/period';
import { FIXTURE_ITEMS, ingestItems, subscribeWith } from '../helpers/digest-fixture';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { createTempDb } from '../helpers/temp-db';

let temp: ReturnType<typeof createTempDb>;
let smtp: SmtpSink;
const APP_URL = 'https://chipwatch.test';
// Saturday 28 March 2026, 09:00 UTC: the daily 08:00 UTC period [27 Mar 08:00, 28 Mar 08:00) has ended.
const SATURDAY = new Date('2026-03-28T09:00:00Z');
const later = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

function run(now: Date, options: { mailer?: Mailer; ignoreBackoff?: boolean } = {}) {
  const mailer = options.mailer ?? createMailer({ smtpUrl: smtp.url, outboxDir: path.join(temp.dir, 'unused-outbox') });
  return sendDigests(temp.db, { mailer, appUrl: APP_URL, from: 'chipwatch <digests@chipwatch.test>', now: () => now, ignoreBackoff: options.ignoreBackoff }).finally(() => mailer.close());
}

const deliveriesOf = (id: number) => temp.db.select().from(digestDeliveries).where(eq(digestDeliveries.subscriptionId, id)).all();

beforeAll(async () => {
  temp = createTempDb();
  smtp = await startSmtpSink();
  await ingestItems(temp.db, FIXTURE_ITEMS, SATURDAY);
});
afterAll(async () => {
  await smtp.stop();
  temp.cleanup();
});

describe('sending digests over SMTP', () => {
  let micron: ReturnType<typeof subscribeWith>;
  let dutchControls: ReturnType<typeof subscribeWith>;
  let quiet: ReturnType<typeof subscribeWith>;
  let quietButTell: ReturnType<typeof subscribeWith>;

  it('sends each subscriber the events of the period that match its filters, grouped by company, with exposure charts', async () => {
    micron = subscribeWith(temp.db, { email: 'micron@buyer.test', companies: ['micron'], hour: '8' });
    dutchControls = subscribeWith(temp.db, { email: 'nl@buyer.test', countries: ['NL'], eventTypes: ['export-control'], hour: '8' });
    quiet = subscribeWith(temp.db, { email: 'quiet@buyer.test', companies: ['micron'], eventTypes: ['supply-disruption'], hour: '8' });
    quietButTell = subscribeWith(temp.db, { email: 'tell@buyer.test', countries: ['JP'], sendWhenEmpty: true, hour: '8' });

    const summary = await run(SATURDAY);
    expect(summary).toMatchObject({ sent: 3, empty: 1, failed: 0 });

    const [toMicron] = smtp.to('micron@buyer.test');
    expect(toMicron.subject).toBe('chipwatch daily digest to 28 Mar 2026: 2 events');
    // Both events naming Micron in the period; not ASML's, not the quake of the week before.
    expect(toMicron.text).toContain(FIXTURE_ITEMS[0].title);
    expect(toMicron.text).toContain(FIXTURE_ITEMS[1].title);
    expect(toMicron.text).not.toContain(FIXTURE_ITEMS[2].title);
    expect(toMicron.text).not.toContain(FIXTURE_ITEMS[3].title);
    // Each event: date, type, severity, summary line, source link; then exposure and the dashboard link.
    expect(toMicron.text).toContain('27 Mar 2026 · import-ban · severity 0.80');
    expect(toMicron.text).toContain('The cyberspace regulator told operators to stop buying Micron products.\n');
    expect(toMicron.text).toContain('https://news.example.com/b');
    expect(toMicron.text).toMatch(/- Micron Technology: \d+\.\d now, [+-]?\d+\.\d points over the period \(https:\/\/chipwatch\.test\/companies\/micron\)/);
    expect(toMicron.text).toContain(`${APP_URL}/events?company=micron&from=2026-03-27&to=2026-03-28`);
    expect(toMicron.html).toContain(FIXTURE_ITEMS[1].title);
    expect(toMicron.html).toContain('Micron Technology</h3>');

    // The chart: a PNG attached inline and referenced by its cid from the HTML part.
    const chart = toMicron.attachments.find((a) => a.contentType === 'image/png')!;
    expect(chart.cid).toBe('chart-micron@chipwatch');
    expect(chart.contentDisposition).toBe('inline');
    expect(chart.content.subarray(1, 4).toString()).toBe('PNG');
    expect(toMicron.html).toContain('cid:chart-micron@chipwatch');

    // One-click unsubscribe headers, and the Message-ID that was recorded before sending.
    const header = (name: string) => toMicron.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${APP_URL}/api/unsubscribe?token=${micron.unsubscribeToken}>`);
    const [row] = deliveriesOf(micron.id);
    expect(row).toMatchObject({ status: 'sent', key: 'daily:2026-03-28', attempts: 1, eventCount: 2 });
    expect(toMicron.messageId).toBe(row.messageId);

    const [toNl] = smtp.to('nl@buyer.test');
    expect(toNl.text).toContain(FIXTURE_ITEMS[2].title);
    expect(toNl.text).not.toContain('Micron');

    // Nothing matched and "send when empty" was off: recorded, not sent. With it on: a short note.
    expect(smtp.to('quiet@buyer.test')).toHaveLength(0);
    expect(deliveriesOf(quiet.id)).toMatchObject([{ status: 'empty', eventCount: 0 }]);
    expect(smtp.to('tell@buyer.test')[0].text).toContain('Nothing new in this period.');
  });

  it('a rerun sends nothing', async () => {
    const before = smtp.messages.length;
    const summary = await run(later(SATURDAY, 30));
    expect(summary.sent + summary.failed + summary.empty).toBe(0);
    expect(summary.skipped).toBe(4);
    expect(smtp.messages.length).toBe(before);
  });

  it('with the SMTP server down the sends fail and wait; once it is up they are delivered exactly once', async () => {
    const sunday = new Date('2026-03-29T09:00:00Z');
    await smtp.stop();
    const down = await run(sunday);
    // Nothing new for anyone on the 28th: only the subscriber who wants "nothing new" mail gets one.
    expect(down).toMatchObject({ failed: 1, empty: 3 });
    expect(down.outcomes.find((o) => o.status === 'failed')).toMatchObject({ email: 'tell@buyer.test', key: 'daily:2026-03-29' });
    const failedRow = deliveriesOf(quietButTell.id).find((d) => d.key === 'daily:2026-03-29')!;
    expect(failedRow).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failedRow.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failedRow.nextAttemptAt!.getTime()).toBe(sunday.getTime() + 5 * 60_000);

    // The scheduler respects the backoff: a run a minute later does not retry.
    await smtp.start();
    const early = await run(later(sunday, 1));
    expect(early.sent).toBe(0);
    const before = smtp.messages.length;
    const retry = await run(later(sunday, 6));
    expect(retry.sent).toBe(1);
    expect(await run(later(sunday, 20))).toMatchObject({ sent: 0, failed: 0 });
    const sundayMail = smtp.messages.slice(before).filter((m) => m.subject?.includes('29 Mar 2026'));
    expect(sundayMail.map((m) => m.to && !Array.isArray(m.to) && m.to.text)).toEqual(['tell@buyer.test']);
    expect(deliveriesOf(quietButTell.id).find((d) => d.key === 'daily:2026-03-29')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('unsubscribing (by the link token) stops further digests', async () => {
    const sub = findSubscriptionByToken(temp.db, micron.unsubscribeToken)!;
    expect(unsubscribe(temp.db, sub.id)).toBe(true);
    const before = smtp.to('micron@buyer.test').length;
    const monday = await run(new Date('2026-03-30T09:00:00Z'));
    expect(monday.sent).toBe(1); // tell@ only
    expect(smtp.to('micron@buyer.test').length).toBe(before);
    expect(deliveriesOf(micron.id).some((d) => d.key === 'daily:2026-03-30')).toBe(false);
  });

  it('a send interrupted after claiming is not resent blindly over SMTP', async () => {
    const tuesday = new Date('2026-03-31T09:00:00Z');
    const period = lastCompletedPeriod(quietButTell, tuesday);
    // A sender claimed the period, then died before recording the outcome.
    const claim = claimDelivery(temp.db, { subscriptionId: quietButTell.id, kind: 'digest', key: period.key, periodStart: period.start, periodEnd: period.end }, { now: tuesday, messageIdDomain: 'chipwatch.test' });
    expect(claim.claimed).toBe(true);
    const before = smtp.messages.length;
    const summary = await run(later(tuesday, 10), { ignoreBackoff: true });
    expect(summary.settled.uncertain).toBe(1);
    expect(smtp.messages.length).toBe(before);
    expect(deliveriesOf(quietButTell.id).find((d) => d.key === period.key)).toMatchObject({ status: 'uncertain' });
    expect(await run(later(tuesday, 20), { ignoreBackoff: true })).toMatchObject({ sent: 0 });
    void dutchControls;
  });
});

describe('the outbox, when no SMTP server is configured', () => {
  it('writes each message as an .eml file that parses to the same digest, and settles interrupted sends from the files', async () => {
    const outbox = path.join(temp.dir, 'outbox');
    const sub = subscribeWith(temp.db, { email: 'outbox@buyer.test', companies: ['asml'], hour: '8' });
    const thursday = new Date('2026-03-28T10:00:00Z');
    const summary = await run(thursday, { mailer: createMailer({ outboxDir: outbox }) });
    expect(summary.outcomes.find((o) => o.email === 'outbox@buyer.test')).toMatchObject({ status: 'sent', events: 1 });
    const files = fs.readdirSync(outbox).filter((f) => f.includes('outbox@buyer.test'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, files[0])));
    expect(mail.subject).toBe('chipwatch daily digest to 28 Mar 2026: 1 event');
    expect(mail.text).toContain(FIXTURE_ITEMS[2].title);
    expect(mail.attachments[0].cid).toBe('chart-asml@chipwatch');
    expect(mail.messageId).toBe(deliveriesOf(sub.id)[0].messageId);

    // A sender that died after writing the file but before recording it: the file proves it went out.
    const friday = new Date('2026-03-29T09:00:00Z');
    const period = lastCompletedPeriod(sub, friday);
    const claim = claimDelivery(temp.db, { subscriptionId: sub.id, kind: 'digest', key: period.key, periodStart: period.start, periodEnd: period.end }, { now: friday, messageIdDomain: 'x' });
    if (!claim.claimed) throw new Error('expected a claim');
    await createMailer({ outboxDir: outbox }).send({ to: sub.email, subject: 's', html: '<p>x</p>', text: 'x', attachments: [], headers: {} }, { from: 'a@b.test', messageId: claim.delivery.messageId, date: friday });
    const again = await run(later(friday, 5), { mailer: createMailer({ outboxDir: outbox }) });
    expect(again.settled.recovered).toBe(1);
    expect(fs.readdirSync(outbox).filter((f) => f.includes('outbox@buyer.test'))).toHaveLength(2);
    expect(deliveriesOf(sub.id).find((d) => d.key === period.key)).toMatchObject({ status: 'sent' });
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyExposureDaily, digestDeliveries } from '../../db/schema';
import { createMailer } from '../../lib/digest/mailer';
import { sendAlerts } from '../../lib/digest/send-alerts';
import { ingestItems, subscribeWith } from '../helpers/digest-fixture';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { createTempDb } from '../helpers/temp-db';

let temp: ReturnType<typeof createTempDb>;
let smtp: SmtpSink;
const APP_URL = 'https://chipwatch.test';

function run(now = new Date()) {
  const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: temp.dir });
  return sendAlerts(temp.db, { mailer, appUrl: APP_URL, from: 'chipwatch <alerts@chipwatch.test>', now: () => now }).finally(() => mailer.close());
}

/** Sets a company's stored score on a day, as the exposure job would have written it. */
function setScore(companyId: string, day: string, score: number) {
  temp.db
    .insert(companyExposureDaily)
    .values({ companyId, day, score, raw: score, support: 0 })
    .onConflictDoUpdate({ target: [companyExposureDaily.companyId, companyExposureDaily.day], set: { score, raw: score } })
    .run();
}

const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  temp = createTempDb();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.stop();
  temp.cleanup();
});

describe('alerts', () => {
  it('a score jump of more than N points in a day alerts each subscriber watching the company, once', async () => {
    const watcher = subscribeWith(temp.db, { email: 'watcher@buyer.test', companies: ['micron'], alertScoreRise: '10' });
    const other = subscribeWith(temp.db, { email: 'other@buyer.test', companies: ['asml'], alertScoreRise: '10' });
    const noAlerts = subscribeWith(temp.db, { email: 'digest-only@buyer.test', companies: ['micron'] });
    setScore('micron', yesterday, 20);
    setScore('micron', today, 28);
    setScore('asml', yesterday, 10);
    setScore('asml', today, 12);
    expect(await run()).toMatchObject({ sent: 0 }); // +8 is not more than 10

    setScore('micron', today, 34.5);
    expect(await run()).toMatchObject({ sent: 1, failed: 0 });
    const [alert] = smtp.to('watcher@buyer.test');
    expect(alert.subject).toBe('chipwatch alert: Micron Technology exposure up 14.5 points');
    expect(alert.text).toContain(`rose from 20.0 to 34.5 on ${today}`);
    expect(alert.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);
    expect(temp.db.select().from(digestDeliveries).where(eq(digestDeliveries.subscriptionId, watcher.id)).all()).toMatchObject([
      { kind: 'alert', key: `rise:micron:${today}`, status: 'sent' },
    ]);

    // Later runs (after every ingest) find the same rise and send nothing; neither does the score climbing further that day.
    setScore('micron', today, 40);
    expect(await run()).toMatchObject({ sent: 0, skipped: 1 });
    expect(smtp.to('watcher@buyer.test')).toHaveLength(1);
    expect(smtp.to('other@buyer.test')).toHaveLength(0);
    expect(smtp.to('digest-only@buyer.test')).toHaveLength(0);
    void other;
    void noAlerts;
  });

  it('an event of at least the chosen severity naming a watched company alerts once', async () => {
    const sub = subscribeWith(temp.db, { email: 'severe@buyer.test', companies: ['micron'], alertMinSeverity: '0.75' }, new Date(Date.now() - 60_000));
    const now = new Date();
    const day = (offsetHours: number) => new Date(now.getTime() - offsetHours * 3_600_000).toUTCString();
    await ingestItems(
      temp.db,
      [
        { title: 'China bans Micron chips from critical infrastructure after security review', guid: 's1', link: 'https://news.example.com/s1', description: 'The regulator told operators to stop buying Micron products.', pubDate: day(2) },
        { title: 'Micron fab in Hiroshima halted by earthquake damage', guid: 's2', link: 'https://news.example.com/s2', description: 'Micron said DRAM production stopped after the quake.', pubDate: day(3) },
      ],
      now,
    );
    expect(await run(now)).toMatchObject({ sent: 1 });
    const mails = smtp.to('severe@buyer.test');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('chipwatch alert: Micron Technology in an import-ban event (severity 0.80)');
    expect(await run(now)).toMatchObject({ sent: 0 });
    expect(temp.db.select().from(digestDeliveries).where(eq(digestDeliveries.subscriptionId, sub.id)).all()).toHaveLength(1);
  });
});

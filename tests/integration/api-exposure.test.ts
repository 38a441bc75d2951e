import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { createTempDb } from '../helpers/temp-db';

const NOW = new Date('2023-06-01T12:00:00Z');
let temp: ReturnType<typeof createTempDb>;
let GET: (request: Request) => Promise<Response>;
let closeDb: () => void;

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db, NOW);
  // The route reads through getDb(), which opens DATABASE_PATH once per process and caches it:
  // point it at this file before the route's modules load, and drop any client opened earlier.
  process.env.DATABASE_PATH = temp.file;
  ({ closeDb } = await import('../../db'));
  closeDb();
  ({ GET } = await import('../../app/api/exposure/route'));
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

async function get(query: string): Promise<{ status: number; body: any }> { // any: the body is the JSON under test, checked field by field
  const response = await GET(new Request(`http://localhost/api/exposure?${query}`));
  return { status: response.status, body: await response.json() };
}

describe('GET /api/exposure', () => {
  it('returns one point per day and the ledger of the last day, whose contributions sum to its score', async () => {
    const { status, body } = await get('company=micron&from=2023-05-01&to=2023-06-01');
    expect(status).toBe(200);
    expect(body.company).toBe('micron');
    expect(body.series).toHaveLength(32);
    expect(body.series[0]).toMatchObject({ date: '2023-05-01', score: expect.any(Number) });
    expect(body.series.at(-1).date).toBe('2023-06-01');
    expect(body.ledger.length).toBeGreaterThan(5);
    // The sample's ledgers are short: every row is listed, no remainder row.
    expect(body.ledgerRows).toBe(body.ledger.length);
    for (const row of body.ledger) {
      expect(row).toEqual(
        expect.objectContaining({ eventId: expect.any(Number), title: expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), eventType: expect.any(String), route: expect.stringMatching(/^(title|body|country)$/), contribution: expect.any(Number) }),
      );
    }
    expect(body.ledger[0]).toMatchObject({ eventType: 'import-ban', route: 'title', date: '2023-05-21' });
    const sum = body.ledger.reduce((s: number, r: { contribution: number }) => s + r.contribution, 0);
    expect(sum).toBeCloseTo(body.score, 6);
    expect(body.series.at(-1).score).toBeCloseTo(body.score, 1);
    expect(body.ledger.every((r: { eventType: string }) => r.eventType !== 'investment')).toBe(true);
  });

  it('defaults to the year up to the latest computed day', async () => {
    const { status, body } = await get('company=micron');
    expect(status).toBe(200);
    expect(body.series).toHaveLength(365);
    expect(body.to).toBe('2023-06-01');
  });

  it('answers 400 with a message for a missing or unknown company, a bad date or a reversed range', async () => {
    for (const query of ['', 'company=', 'company=no-such-co', 'company=micron&from=2023-02-30', 'company=micron&to=yesterday', 'company=micron&from=2023-06-01&to=2023-05-01']) {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.error, query).toEqual(expect.any(String));
    }
    expect((await get('company=no-such-co')).body.error).toMatch(/unknown company/);
    expect((await get('company=micron&from=2023-06-01&to=2023-05-01')).body.error).toMatch(/after/);
  });
});

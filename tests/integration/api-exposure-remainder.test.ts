import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { LEDGER_TOP_ROWS } from '../../lib/exposure/ledger-cap';
import { generateScaleDb } from '../bench/scale-db';

// A generated database whose ledgers run to thousands of rows, served through the real route.
const DAY = '2026-03-31';
let dir: string;
let GET: (request: Request) => Promise<Response>;
let closeDb: () => void;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-api-remainder-'));
  const file = path.join(dir, 'scale.db');
  const db = generateScaleDb(file, { items: 12_000, companies: 30, years: 3, endDay: DAY });
  rebuildExposure(db, new Date(`${DAY}T12:00:00Z`));
  db.$client.close();
  process.env.DATABASE_PATH = file;
  ({ closeDb } = await import('../../db'));
  closeDb();
  ({ GET } = await import('../../app/api/exposure/route'));
}, 60_000);
afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists the biggest rows, then one remainder row for all the others, and the rows sum to the score', async () => {
  // The stored day, then a day computed on demand: the same shape either way.
  for (const to of [DAY, '2026-02-14']) {
    const body = await (await GET(new Request(`http://localhost/api/exposure?company=micron&from=${to}&to=${to}`))).json();
    expect(body.ledgerRows).toBeGreaterThan(LEDGER_TOP_ROWS);
    expect(body.ledger).toHaveLength(LEDGER_TOP_ROWS + 1);
    const last = body.ledger.at(-1);
    expect(last).toMatchObject({ eventId: null, route: 'remainder', eventType: null, date: to, rows: body.ledgerRows - LEDGER_TOP_ROWS });
    expect(last.title).toMatch(/more rows/);
    expect(body.ledger.slice(0, -1).every((r: { eventId: unknown }) => typeof r.eventId === 'number')).toBe(true);
    const sum = body.ledger.reduce((s: number, r: { contribution: number }) => s + r.contribution, 0);
    expect(sum).toBeCloseTo(body.score, 9);
  }
});

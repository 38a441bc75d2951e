import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';

let dir: string;
let env: Record<string, string>;
const cli = (args: string[], input?: string) => runCli(args, env, input);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-tagcli-'));
  env = { DATABASE_PATH: path.join(dir, 't.db') };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tag (JSON Lines, no database)', () => {
  it('answers each line in order with the contract fields, and reports bad lines with their number', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'China bans Micron products in critical infrastructure', summary: 'Beijing cited a security review.', published: '2023-05-21' }),
      '{"id": "broken", "title": ',
      JSON.stringify({ id: 2, title: '', summary: 'x'.repeat(1_000_000) }),
      JSON.stringify({ title: 'no id' }),
      JSON.stringify({ id: 'c', title: 'Late chip shot seals playoff win \u0000\u0007', summary: '美光 Micron 마이크론 Россия' }),
    ].join('\n');
    const r = await cli(['tag'], input);
    expect(r.status).toBe(0);
    expect(fs.existsSync(env.DATABASE_PATH)).toBe(false);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    expect(Object.keys(lines[0]).sort()).toEqual(['companies', 'countries', 'eventType', 'id', 'matches', 'relevance', 'relevant', 'severity'].sort());
    expect(lines[0]).toMatchObject({ relevant: true, countries: ['CN'], companies: [{ id: 'micron', name: 'Micron Technology' }], eventType: 'import-ban' });
    expect(lines[0].matches).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Micron', kind: 'company', id: 'micron', field: 'title' })]));
    expect(lines[1]).toMatchObject({ relevant: false, companies: [] });
    // Control characters and four scripts in one line: tagged, not crashed.
    expect(lines[2].companies.map((c: { id: string }) => c.id)).toEqual(['micron']);
    expect(r.stderr).toMatch(/^line 2: skipped, /m);
    expect(r.stderr).toMatch(/^line 4: skipped, id: /m);
  });
});

describe('manual tags and retag', () => {
  it('keeps an analyst’s additions and removals through retag, and refuses unknown values', async () => {
    expect((await cli(['demo'])).status).toBe(0);
    const events = JSON.parse((await cli(['events', 'list', '--json', '--limit', '500'])).stdout) as {
      id: number; title: string; companies: { id: string }[]; countries: string[]; clusterId: number; severity: number; relevant: boolean; eventType: string;
    }[];
    for (const key of ['clusterId', 'severity', 'relevant', 'eventType', 'countries', 'companies']) expect(events[0]).toHaveProperty(key);
    const target = events.find((e) => e.companies.some((c) => c.id === 'micron') && e.countries.includes('CN'))!;
    expect(target).toBeDefined();

    expect((await cli(['tags', 'add', '--item', String(target.id), '--company', 'samsung'])).status).toBe(0);
    expect((await cli(['tags', 'remove', '--item', String(target.id), '--country', 'cn'])).status).toBe(0);
    const bad = await cli(['tags', 'add', '--item', String(target.id), '--company', 'no-such-co']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: unknown company "no-such-co"/);
    const badCountry = await cli(['tags', 'add', '--item', String(target.id), '--country', 'XX']);
    expect(badCountry.status).toBe(1);
    expect(badCountry.stderr).toMatch(/unknown country "XX"/);
    expect((await cli(['tags', 'add', '--item', '999999', '--country', 'US'])).stderr).toMatch(/no item with id 999999/);
    expect((await cli(['tags', 'add', '--item', String(target.id)])).status).toBe(2);

    const retag = await cli(['retag']);
    expect(retag.status).toBe(0);
    expect(retag.stdout).toMatch(/^retag: \d+ items tagged by tagger \d+\.[0-9a-f]{8}/);
    expect((await cli(['retag', '--since', 'yesterday'])).status).toBe(2);

    const after = JSON.parse((await cli(['events', 'list', '--all', '--json', '--limit', '1000'])).stdout) as typeof events;
    const again = after.find((e) => e.id === target.id)!;
    expect(again.companies.map((c) => c.id)).toEqual(expect.arrayContaining(['micron', 'samsung']));
    expect(again.countries).not.toContain('CN');
  }, 120_000); // eleven CLI processes, each loading the app and most updating exposure
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { parseEventFilters } from '../../lib/queries/event-filters';
import { searchEvents } from '../../lib/queries/search-events';
import { retagItems } from '../../lib/tagging/retag';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { createTempDb } from '../helpers/temp-db';
import { CLI_ACTOR } from '../../lib/auth/audit';
import { createSession } from '../../lib/auth/sessions';
import { createUser } from '../../lib/auth/users';

/** The explorer's tag-correction server action, called as the form calls it, against a real database. */
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// Signed in as an analyst through a real session (tests/helpers/session-headers.ts).
vi.mock('next/headers', async () => (await import('../helpers/session-headers')).mockRequestHeaders);

let temp: ReturnType<typeof createTempDb>;
let correctTag: typeof import('../../lib/actions/correct-tag').correctTag;
const initial = { ok: false, message: null, fieldErrors: {} };

beforeAll(async () => {
  temp = createTempDb();
  process.env.DATABASE_PATH = temp.file;
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db);
  const analyst = await createUser(temp.db, CLI_ACTOR, { email: 'analyst@tags.test', role: 'analyst', password: 'analyst-password' });
  (await import('../helpers/session-headers')).requestCookie.value = `chipwatch_session=${createSession(temp.db, analyst.id).token}`;
  temp.db.$client.close();
  ({ correctTag } = await import('../../lib/actions/correct-tag'));
});
afterAll(() => {
  closeDb();
  fs.rmSync(temp.dir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const entities = (eventId: number) =>
  getDb().$client.prepare('SELECT kind, value FROM exposure_event_entities WHERE event_id = ? ORDER BY kind, value').all(eventId) as { kind: string; value: string }[];
function eventById(id: number) {
  let cursor: string | undefined;
  do {
    const page = searchEvents(getDb(), parseEventFilters({ relevant: 'all', limit: '200', ...(cursor ? { cursor } : {}) }));
    const found = page.events.find((e) => e.id === id);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}

describe('correctTag', () => {
  it('removes a company from every report of a cluster and adds one to the event, updating exposure at once', async () => {
    // A story carried by two feeds whose reports both name the same company.
    const cluster = getDb()
      .$client.prepare(
        `SELECT i.cluster_id AS id, t.value FROM items i JOIN effective_item_tags t ON t.item_id = i.id AND t.kind = 'company'
         WHERE i.cluster_id IS NOT NULL GROUP BY i.cluster_id, t.value HAVING count(DISTINCT i.id) > 1 LIMIT 1`,
      )
      .get() as { id: number; value: string };
    expect(cluster).toBeDefined();
    expect(entities(cluster.id)).toContainEqual({ kind: 'company', value: cluster.value });

    const removed = await correctTag(initial, form({ eventId: String(cluster.id), kind: 'company', value: cluster.value, op: 'remove' }));
    expect(removed).toMatchObject({ ok: true, fieldErrors: {} });
    expect(entities(cluster.id)).not.toContainEqual({ kind: 'company', value: cluster.value });
    expect(eventById(cluster.id)!.companies.map((c) => c.id)).not.toContain(cluster.value);

    // By name (any case) as well as by id.
    const [addId, addName] = cluster.value === 'kioxia' ? ['micron', 'MICRON TECHNOLOGY'] : ['kioxia', 'KIOXIA'];
    const added = await correctTag(initial, form({ eventId: String(cluster.id), kind: 'company', value: addName, op: 'add' }));
    expect(added.ok).toBe(true);
    expect(entities(cluster.id)).toContainEqual({ kind: 'company', value: addId });

    // Both corrections survive re-tagging.
    retagItems(getDb(), getTagger());
    rebuildExposure(getDb());
    const after = eventById(cluster.id)!;
    expect(after.companies.map((c) => c.id)).toContain(addId);
    expect(after.companies.map((c) => c.id)).not.toContain(cluster.value);
    expect(after.tags.find((t) => t.value === addId)).toMatchObject({ source: 'manual' });
  });

  it('refuses an unknown company or country with a field error, and changes nothing', async () => {
    const event = searchEvents(getDb(), parseEventFilters({ company: 'micron', limit: '1' })).events[0];
    const before = getDb().$client.prepare('SELECT count(*) AS n FROM item_tags').get();
    const company = await correctTag(initial, form({ eventId: String(event.id), kind: 'company', value: 'acme-chips', op: 'add' }));
    expect(company.ok).toBe(false);
    expect(company.fieldErrors.value?.[0]).toMatch(/unknown company "acme-chips"/);
    const country = await correctTag(initial, form({ eventId: String(event.id), kind: 'country', value: 'XX', op: 'add' }));
    expect(country.fieldErrors.value?.[0]).toMatch(/unknown country "XX"/);
    const notThere = await correctTag(initial, form({ eventId: String(event.id), kind: 'country', value: 'BR', op: 'remove' }));
    expect(notThere.fieldErrors.value?.[0]).toMatch(/BR is not tagged on this event/);
    const badInput = await correctTag(initial, form({ eventId: 'abc', kind: 'planet', value: '', op: 'add' }));
    expect(Object.keys(badInput.fieldErrors).sort()).toEqual(['eventId', 'kind', 'value']);
    const noEvent = await correctTag(initial, form({ eventId: '99999999', kind: 'company', value: 'micron', op: 'add' }));
    expect(noEvent.fieldErrors.value?.[0]).toMatch(/no event with id 99999999/);
    expect(getDb().$client.prepare('SELECT count(*) AS n FROM item_tags').get()).toEqual(before);
  });
});

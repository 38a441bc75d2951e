import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db';
import type { Role } from '../../db/schema';
import { CLI_ACTOR } from '../../lib/auth/audit';
import { createSession } from '../../lib/auth/sessions';
import { createUser } from '../../lib/auth/users';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { createTempDb } from '../helpers/temp-db';

/*
 * The server actions as the forms call them, with a real session per role in a real database: the
 * role check in requireRole() is what refuses, and a refused action changes nothing.
 */
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', async () => (await import('../helpers/session-headers')).mockRequestHeaders);

let temp: ReturnType<typeof createTempDb>;
const tokens = {} as Record<Role, string>;
let feeds: typeof import('../../lib/actions/feeds');
let tags: typeof import('../../lib/actions/correct-tag');
let users: typeof import('../../lib/actions/users');
let cookie: typeof import('../helpers/session-headers').requestCookie;

beforeAll(async () => {
  temp = createTempDb();
  // Before anything reads the configuration (createSession does), which is then cached for the process.
  process.env.DATABASE_PATH = temp.file;
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db);
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    const user = await createUser(temp.db, CLI_ACTOR, { email: `${role}@roles.test`, role, password: `${role}-password-long` });
    tokens[role] = createSession(temp.db, user.id).token;
  }
  temp.db.$client.close();
  cookie = (await import('../helpers/session-headers')).requestCookie;
  feeds = await import('../../lib/actions/feeds');
  tags = await import('../../lib/actions/correct-tag');
  users = await import('../../lib/actions/users');
});
afterAll(() => {
  closeDb();
  fs.rmSync(temp.dir, { recursive: true, force: true });
});

const as = (role: Role | null) => (cookie.value = role ? `chipwatch_session=${tokens[role]}` : '');
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const count = (sql: string) => (getDb().$client.prepare(sql).get() as { n: number }).n;
const anEvent = () => (getDb().$client.prepare('SELECT id FROM items WHERE relevant = 1 AND cluster_id = id LIMIT 1').get() as { id: number }).id;

describe('feeds: admins only', () => {
  it.each([null, 'viewer', 'analyst'] as const)('refuses %s and adds nothing', async (role) => {
    as(role);
    await expect(feeds.addFeedAction({}, form({ url: 'https://forged.example/feed.xml' }))).rejects.toThrow(role ? /cannot do this; it needs the admin role/ : /sign in first/);
    const id = (getDb().$client.prepare('SELECT id FROM feeds LIMIT 1').get() as { id: number }).id;
    await expect(feeds.removeFeedAction(form({ id: String(id) }))).rejects.toThrow();
    expect(count("SELECT count(*) AS n FROM feeds WHERE url = 'https://forged.example/feed.xml'")).toBe(0);
    expect(count(`SELECT count(*) AS n FROM feeds WHERE id = ${id}`)).toBe(1);
  });

  it('lets an admin add a feed and records who did', async () => {
    as('admin');
    const state = await feeds.addFeedAction({}, form({ url: 'https://public.example/feed.xml' }));
    expect(state.ok).toMatch(/^Added/);
    expect(getDb().$client.prepare("SELECT actor, action FROM audit_log WHERE target = 'https://public.example/feed.xml'").all()).toEqual([{ actor: 'admin@roles.test', action: 'feed.add' }]);
  });

  it('refuses, for an admin too, a feed on a private address, with a message', async () => {
    as('admin');
    const state = await feeds.addFeedAction({}, form({ url: 'http://10.1.2.3/feed.xml' }));
    expect(state.fieldErrors?.url).toMatch(/10\.1\.2\.3 is a private or local address/);
    expect(count("SELECT count(*) AS n FROM feeds WHERE url LIKE 'http://10.1.2.3%'")).toBe(0);
  });
});

describe('tags: analysts and admins', () => {
  it('refuses a viewer and changes nothing', async () => {
    as('viewer');
    const eventId = anEvent();
    await expect(tags.correctTag({ ok: false, message: null, fieldErrors: {} }, form({ eventId: String(eventId), kind: 'company', value: 'kioxia', op: 'add' }))).rejects.toThrow(/viewer cannot do this/);
    expect(count(`SELECT count(*) AS n FROM item_tags WHERE item_id = ${eventId} AND source = 'manual'`)).toBe(0);
  });

  it('lets an analyst correct a tag and records it', async () => {
    as('analyst');
    const eventId = anEvent();
    const state = await tags.correctTag({ ok: false, message: null, fieldErrors: {} }, form({ eventId: String(eventId), kind: 'company', value: 'kioxia', op: 'add' }));
    expect(state.ok).toBe(true);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'tag.add' AND actor = 'analyst@roles.test' AND target = 'event ${eventId}'`)).toBe(1);
  });
});

describe('users: admins only', () => {
  it('refuses an analyst', async () => {
    as('analyst');
    await expect(users.addUserAction({}, form({ email: 'x@roles.test', role: 'admin' }))).rejects.toThrow(/needs the admin role/);
    expect(count("SELECT count(*) AS n FROM users WHERE email = 'x@roles.test'")).toBe(0);
  });

  it('keeps the last admin: demoting or removing them is refused with a reason', async () => {
    as('admin');
    const adminId = (getDb().$client.prepare("SELECT id FROM users WHERE role = 'admin'").get() as { id: number }).id;
    expect((await users.setUserRoleAction({}, form({ id: String(adminId), role: 'viewer' }))).error).toMatch(/only admin/);
    expect((await users.removeUserAction({}, form({ id: String(adminId) }))).error).toMatch(/only admin/);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'admin'")).toBe(1);
  });
});

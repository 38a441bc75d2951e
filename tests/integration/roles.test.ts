import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db';
import { digestDeliveries, type Role } from '../../db/schema';
import { CLI_ACTOR } from '../../lib/auth/audit';
import { createSession } from '../../lib/auth/sessions';
import { createUser, removeUser } from '../../lib/auth/users';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { subscribeWith } from '../helpers/digest-fixture';
import { createTempDb } from '../helpers/temp-db';

/*
 * The server actions as the forms call them, with a real session per role in a real database: the
 * role check in requireRole() is what refuses, and a refused action changes nothing.
 */
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', async () => (await import('../helpers/session-headers')).mockRequestHeaders);

let temp: ReturnType<typeof createTempDb>;
/** A session per role, and `other`: a second analyst, whose subscriptions the first may not touch. */
type Who = Role | 'other';
const tokens = {} as Record<Who, string>;
const userIds = {} as Record<Who, number>;
let feeds: typeof import('../../lib/actions/feeds');
let tags: typeof import('../../lib/actions/correct-tag');
let users: typeof import('../../lib/actions/users');
let digests: typeof import('../../lib/actions/digests');
let digestData: typeof import('../../lib/data/digests');
let unsubscribeRoute: typeof import('../../app/api/unsubscribe/route');
let cookie: typeof import('../helpers/session-headers').requestCookie;

beforeAll(async () => {
  temp = createTempDb();
  // Before anything reads the configuration (createSession does), which is then cached for the process.
  process.env.DATABASE_PATH = temp.file;
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db);
  for (const who of ['viewer', 'analyst', 'admin', 'other'] as const) {
    const role = who === 'other' ? 'analyst' : who;
    const user = await createUser(temp.db, CLI_ACTOR, { email: `${who}@roles.test`, role, password: `${who}-password-long` });
    tokens[who] = createSession(temp.db, user.id).token;
    userIds[who] = user.id;
  }
  temp.db.$client.close();
  cookie = (await import('../helpers/session-headers')).requestCookie;
  feeds = await import('../../lib/actions/feeds');
  tags = await import('../../lib/actions/correct-tag');
  users = await import('../../lib/actions/users');
  digests = await import('../../lib/actions/digests');
  digestData = await import('../../lib/data/digests');
  unsubscribeRoute = await import('../../app/api/unsubscribe/route');
});
afterAll(() => {
  closeDb();
  fs.rmSync(temp.dir, { recursive: true, force: true });
});

const as = (who: Who | null) => (cookie.value = who ? `chipwatch_session=${tokens[who]}` : '');
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

describe('digest subscriptions: analysts their own, admins every one', () => {
  interface SubRow {
    id: number;
    owner_user_id: number | null;
    hour: number;
    cadence: string;
    paused: number;
    unsubscribed_at: number | null;
    updated_at: number;
  }
  const subRow = (email: string) =>
    getDb().$client.prepare('SELECT id, owner_user_id, hour, cadence, paused, unsubscribed_at, updated_at FROM digest_subscriptions WHERE email = ?').get(email) as SubRow;
  const audited = (email: string) => getDb().$client.prepare('SELECT actor, action FROM audit_log WHERE target = ? ORDER BY id').all(email) as { actor: string; action: string }[];
  const deliveryStatus = (id: number) => (getDb().$client.prepare('SELECT status FROM digest_deliveries WHERE id = ?').get(id) as { status: string }).status;
  const save = (fields: Record<string, string>) => digests.saveSubscriptionAction({}, form(fields));
  const idOf = (email: string) => String(subRow(email).id);
  // Another analyst's subscription, and one from the CLI (no owner), each with a send that was interrupted.
  const OTHERS = 'other@buyer.test';
  const CLI_MADE = 'cli@buyer.test';
  const interrupted = {} as Record<string, number>;

  beforeAll(async () => {
    as('other');
    expect((await save({ email: OTHERS, hour: '6' })).ok).toBe(`Subscribed ${OTHERS}.`);
    subscribeWith(getDb(), { email: CLI_MADE, hour: '6' });
    for (const email of [OTHERS, CLI_MADE]) {
      const now = new Date();
      interrupted[email] = getDb()
        .insert(digestDeliveries)
        .values({ subscriptionId: subRow(email).id, kind: 'digest', key: 'daily:2026-03-27', messageId: `<${email}@roles.test>`, status: 'uncertain', createdAt: now, updatedAt: now })
        .returning()
        .get().id;
    }
  });

  it('the dashboard makes its user the owner; the CLI makes none', () => {
    expect(subRow(OTHERS).owner_user_id).toBe(userIds.other);
    expect(subRow(CLI_MADE).owner_user_id).toBeNull();
    expect(audited(OTHERS)).toEqual([{ actor: 'other@roles.test', action: 'subscription.create' }]);
  });

  it('an analyst creates and changes their own subscription, and each change is in the audit log with their name', async () => {
    as('analyst');
    const email = 'analyst@buyer.test';
    expect((await save({ email: 'Analyst@Buyer.test' })).ok).toBe(`Subscribed ${email}.`);
    expect(subRow(email).owner_user_id).toBe(userIds.analyst);
    expect((await save({ id: idOf(email), email, cadence: 'weekly', hour: '7' })).ok).toBe(`Saved the subscription of ${email}.`);
    expect(subRow(email)).toMatchObject({ cadence: 'weekly', hour: 7 });
    // Their own address again, from the new-subscription form: its choices are replaced, the owner stays.
    expect((await save({ email, hour: '9' })).ok).toMatch(/already subscribed/);
    expect(subRow(email)).toMatchObject({ hour: 9, owner_user_id: userIds.analyst });
    await digests.setPausedAction(form({ id: idOf(email), paused: '1' }));
    expect(subRow(email).paused).toBe(1);
    await digests.setPausedAction(form({ id: idOf(email), paused: '0' }));
    expect(subRow(email).paused).toBe(0);
    await digests.unsubscribeAction(form({ id: idOf(email) }));
    expect(subRow(email).unsubscribed_at).not.toBeNull();
    expect(audited(email)).toEqual(
      ['subscription.create', 'subscription.update', 'subscription.update', 'subscription.pause', 'subscription.resume', 'subscription.unsubscribe'].map((action) => ({
        actor: 'analyst@roles.test',
        action,
      })),
    );
  });

  it.each([
    ['another analyst’s', OTHERS, /only an admin can change what belongs to another user/],
    ['an ownerless (CLI)', CLI_MADE, /only an admin can change what no user owns/],
  ])('an analyst cannot edit, pause, unsubscribe or requeue %s subscription, and nothing changes', async (_what, email, refusal) => {
    as('analyst');
    const before = subRow(email);
    await expect(save({ id: idOf(email), email, hour: '3' })).rejects.toThrow(refusal);
    await expect(digests.setPausedAction(form({ id: idOf(email), paused: '1' }))).rejects.toThrow(refusal);
    await expect(digests.unsubscribeAction(form({ id: idOf(email) }))).rejects.toThrow(refusal);
    await expect(digests.requeueDeliveryAction(form({ delivery: String(interrupted[email]) }))).rejects.toThrow(refusal);
    expect(subRow(email)).toEqual(before);
    expect(deliveryStatus(interrupted[email])).toBe('uncertain');
    expect(audited(email).filter((a) => a.actor === 'analyst@roles.test')).toEqual([]);
  });

  it.each([OTHERS, CLI_MADE])('an analyst cannot take over %s by subscribing the address again', async (email) => {
    as('analyst');
    const before = subRow(email);
    const state = await save({ email: email.toUpperCase(), hour: '5' });
    expect(state.ok).toBeUndefined();
    expect(state.error).toBe('Nothing saved.');
    expect(state.fieldErrors?.email).toBe(`${email} already has a subscription that belongs to someone else; only an admin can change it`);
    expect(subRow(email)).toEqual(before);
    expect(audited(email).filter((a) => a.actor === 'analyst@roles.test')).toEqual([]);
  });

  it('an analyst sees only their own subscriptions, and previews only those', async () => {
    const views = await digestData.fetchDigests((await getUserAs('analyst'))!);
    expect(views.subscriptions.map((s) => s.email)).toEqual(['analyst@buyer.test']);
    expect(await digestData.fetchDigestPreview(subRow(OTHERS).id, (await getUserAs('analyst'))!)).toBeNull();
    expect(await digestData.fetchDigestPreview(subRow(CLI_MADE).id, (await getUserAs('analyst'))!)).toBeNull();
    expect((await digestData.fetchDigestPreview(subRow('analyst@buyer.test').id, (await getUserAs('analyst'))!))?.email).toBe('analyst@buyer.test');
  });

  it('a viewer can subscribe, change, requeue and see nothing', async () => {
    as('viewer');
    const count = () => (getDb().$client.prepare('SELECT count(*) AS n FROM digest_subscriptions').get() as { n: number }).n;
    const before = count();
    await expect(save({ email: 'viewer@buyer.test' })).rejects.toThrow(/a viewer cannot do this; it needs the analyst role/);
    await expect(save({ id: idOf(OTHERS), email: OTHERS, hour: '3' })).rejects.toThrow(/viewer cannot do this/);
    await expect(digests.setPausedAction(form({ id: idOf(OTHERS), paused: '1' }))).rejects.toThrow(/viewer cannot do this/);
    await expect(digests.unsubscribeAction(form({ id: idOf(OTHERS) }))).rejects.toThrow(/viewer cannot do this/);
    await expect(digests.requeueDeliveryAction(form({ delivery: String(interrupted[OTHERS]) }))).rejects.toThrow(/viewer cannot do this/);
    expect(count()).toBe(before);
    expect(subRow(OTHERS).paused).toBe(0);
    const viewer = (await getUserAs('viewer'))!;
    expect((await digestData.fetchDigests(viewer)).subscriptions).toEqual([]);
    expect(await digestData.fetchDigestPreview(subRow(OTHERS).id, viewer)).toBeNull();
  });

  it('an admin sees every subscription with its owner, changes any of them, and is named in the audit log', async () => {
    as('admin');
    const admin = (await getUserAs('admin'))!;
    const owners = Object.fromEntries((await digestData.fetchDigests(admin)).subscriptions.map((s) => [s.email, s.owner]));
    expect(owners).toEqual({ 'analyst@buyer.test': 'analyst@roles.test', [OTHERS]: 'other@roles.test', [CLI_MADE]: null });
    expect((await digestData.fetchDigestPreview(subRow(OTHERS).id, admin))?.email).toBe(OTHERS);

    await digests.setPausedAction(form({ id: idOf(OTHERS), paused: '1' }));
    expect(subRow(OTHERS).paused).toBe(1);
    expect((await save({ id: idOf(CLI_MADE), email: CLI_MADE, hour: '4' })).ok).toBe(`Saved the subscription of ${CLI_MADE}.`);
    expect(subRow(CLI_MADE).hour).toBe(4);
    // Replacing another user's choices from the new-subscription form keeps that user the owner.
    expect((await save({ email: OTHERS, hour: '10' })).ok).toMatch(/already subscribed/);
    expect(subRow(OTHERS)).toMatchObject({ hour: 10, owner_user_id: userIds.other });
    await digests.requeueDeliveryAction(form({ delivery: String(interrupted[OTHERS]) }));
    expect(deliveryStatus(interrupted[OTHERS])).toBe('failed');
    await digests.unsubscribeAction(form({ id: idOf(CLI_MADE) }));
    expect(subRow(CLI_MADE).unsubscribed_at).not.toBeNull();

    const byAdmin = (email: string) => audited(email).filter((a) => a.actor === 'admin@roles.test').map((a) => a.action);
    expect(byAdmin(OTHERS)).toEqual(['subscription.pause', 'subscription.update', 'delivery.requeue']);
    expect(byAdmin(CLI_MADE)).toEqual(['subscription.update', 'subscription.unsubscribe']);
    expect(getDb().$client.prepare("SELECT detail FROM audit_log WHERE action = 'delivery.requeue'").get()).toEqual({ detail: `subscription ${subRow(OTHERS).id}, digest daily:2026-03-27` });
  });

  it('the one-click unsubscribe link is recorded as the link, not as a user', async () => {
    as(null);
    const token = (getDb().$client.prepare('SELECT unsubscribe_token AS t FROM digest_subscriptions WHERE email = ?').get(OTHERS) as { t: string }).t;
    const response = await unsubscribeRoute.POST(
      new Request(`http://127.0.0.1/api/unsubscribe?token=${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect(response.status).toBe(200);
    expect(subRow(OTHERS).unsubscribed_at).not.toBeNull();
    expect(audited(OTHERS).at(-1)).toEqual({ actor: 'unsubscribe-link', action: 'subscription.unsubscribe' });
    // A second click changes nothing and records nothing.
    const rows = audited(OTHERS).length;
    await unsubscribeRoute.POST(new Request(`http://127.0.0.1/api/unsubscribe?token=${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    expect(audited(OTHERS)).toHaveLength(rows);
  });

  it('removing a user leaves their subscriptions in place, owned by nobody (admins only)', async () => {
    const leaver = await createUser(getDb(), CLI_ACTOR, { email: 'leaver@roles.test', role: 'analyst', password: 'leaver-password-long' });
    // Signed in under the spare name: the other analyst's subscriptions are done with.
    tokens.other = createSession(getDb(), leaver.id).token;
    as('other');
    expect((await save({ email: 'leaver@buyer.test' })).ok).toBe('Subscribed leaver@buyer.test.');
    expect(subRow('leaver@buyer.test').owner_user_id).toBe(leaver.id);
    removeUser(getDb(), CLI_ACTOR, leaver.id);
    expect(subRow('leaver@buyer.test').owner_user_id).toBeNull();
    as('analyst');
    await expect(digests.setPausedAction(form({ id: idOf('leaver@buyer.test'), paused: '1' }))).rejects.toThrow(/only an admin can change what no user owns/);
  });
});

/** The signed-in user a page would be rendered for, through the real session lookup. */
async function getUserAs(who: Who) {
  as(who);
  const { currentCaller } = await import('../../lib/auth/current-caller');
  return (await currentCaller())?.user;
}

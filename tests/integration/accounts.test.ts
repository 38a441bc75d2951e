import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, sessions, users } from '../../db/schema';
import { authenticate } from '../../lib/auth/authenticate';
import { createApiToken, revokeApiToken } from '../../lib/auth/api-tokens';
import { CLI_ACTOR, listAudit } from '../../lib/auth/audit';
import { verifyPassword } from '../../lib/auth/password';
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, loginBlockedBy, recordLoginFailure } from '../../lib/auth/rate-limit';
import { createSession, endSession, userForSession } from '../../lib/auth/sessions';
import { signIn } from '../../lib/auth/sign-in';
import { createUser, UserInputError } from '../../lib/auth/users';
import { ROOT, runCli } from '../helpers/run-cli';
import { createTempDb } from '../helpers/temp-db';

let temp: ReturnType<typeof createTempDb>;
beforeAll(async () => {
  temp = createTempDb();
  process.env.DATABASE_PATH = temp.file;
  await createUser(temp.db, CLI_ACTOR, { email: 'Ana@Example.com', role: 'analyst', password: 'analyst-password' });
});
afterAll(() => temp.cleanup());

const cookieHeaders = (token: string) => new Headers({ cookie: `other=1; chipwatch_session=${token}` });

describe('accounts and sign-in', () => {
  it('stores an scrypt hash, never the password, and matches e-mail without regard to case', async () => {
    const row = temp.db.select().from(users).all().find((u) => u.email === 'ana@example.com')!;
    expect(row.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.passwordHash).not.toContain('analyst-password');
    expect(await verifyPassword('analyst-password', row.passwordHash)).toBe(true);
    expect(await verifyPassword('analyst-passwore', row.passwordHash)).toBe(false);
    const result = await signIn(temp.db, { email: ' ANA@example.com ', password: 'analyst-password', ip: '192.0.2.1' });
    expect(result.ok).toBe(true);
  });

  it('refuses bad input with a message and adds nothing', async () => {
    const before = temp.db.select().from(users).all().length;
    await expect(createUser(temp.db, CLI_ACTOR, { email: 'not-an-email', role: 'viewer', password: 'long-enough-pw' })).rejects.toThrow(/valid e-mail/);
    await expect(createUser(temp.db, CLI_ACTOR, { email: 'v@example.com', role: 'root', password: 'long-enough-pw' })).rejects.toThrow(UserInputError);
    await expect(createUser(temp.db, CLI_ACTOR, { email: 'v@example.com', role: 'viewer', password: 'short' })).rejects.toThrow(/at least 10 characters/);
    await expect(createUser(temp.db, CLI_ACTOR, { email: 'ANA@example.com', role: 'viewer', password: 'long-enough-pw' })).rejects.toThrow(/already an account/);
    expect(temp.db.select().from(users).all()).toHaveLength(before);
  });

  it('issues a fresh session id at every sign-in and ends the one it replaces (no fixation)', async () => {
    const first = await signIn(temp.db, { email: 'ana@example.com', password: 'analyst-password', ip: '192.0.2.2' });
    if (!first.ok) throw new Error('sign-in failed');
    expect(authenticate(temp.db, cookieHeaders(first.session.token))?.user.email).toBe('ana@example.com');
    const second = await signIn(temp.db, { email: 'ana@example.com', password: 'analyst-password', ip: '192.0.2.2', replacedToken: first.session.token });
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.session.token).not.toBe(first.session.token);
    expect(userForSession(temp.db, first.session.token)).toBeUndefined();
    // A cookie value nobody issued opens nothing and is never stored.
    expect(authenticate(temp.db, cookieHeaders('attacker-chosen'))).toBeUndefined();
    // Only digests are kept.
    expect(temp.db.select().from(sessions).all().some((s) => s.tokenHash === second.session.token)).toBe(false);
  });

  it('ends a session at logout and when it expires', () => {
    const userId = temp.db.select().from(users).all()[0].id;
    const session = createSession(temp.db, userId);
    endSession(temp.db, session.token);
    expect(userForSession(temp.db, session.token)).toBeUndefined();
    const old = createSession(temp.db, userId);
    temp.db.$client.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1000);
    expect(userForSession(temp.db, old.token)).toBeUndefined();
  });

  it('limits failures per account and per address, and the limit lifts after the window', async () => {
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) recordLoginFailure(temp.db, 'target@example.com', `198.51.100.${i}`, now);
    expect(loginBlockedBy(temp.db, 'target@example.com', '198.51.100.200', now)).toBe('account');
    expect(loginBlockedBy(temp.db, 'other@example.com', '198.51.100.200', now)).toBeNull();
    expect(loginBlockedBy(temp.db, 'target@example.com', '198.51.100.200', new Date(now.getTime() + LOGIN_WINDOW_MS + 1000))).toBeNull();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) recordLoginFailure(temp.db, `spray-${i}@example.com`, '203.0.113.50', now);
    expect(loginBlockedBy(temp.db, 'ana@example.com', '203.0.113.50', now)).toBe('ip');
    // A locked address is refused before the (correct) password is even checked.
    expect(await signIn(temp.db, { email: 'ana@example.com', password: 'analyst-password', ip: '203.0.113.50' })).toEqual({ ok: false, reason: 'rate-limited' });
  });

  it('read-only API tokens: stored as digests, found by bearer header, revoked for good', () => {
    const user = temp.db.select().from(users).all()[0];
    const actor = { userId: user.id, label: user.email };
    const { token } = createApiToken(temp.db, actor, 'sheet');
    expect(token).toMatch(/^cw_/);
    expect(temp.db.select().from(apiTokens).all().some((t) => t.tokenHash.includes(token.slice(3)))).toBe(false);
    expect(authenticate(temp.db, new Headers({ authorization: `Bearer ${token}` }))).toMatchObject({ via: 'token', user: { email: user.email } });
    // A bearer header is all that counts when sent: a bad one is not rescued by a cookie.
    const session = createSession(temp.db, user.id);
    expect(authenticate(temp.db, new Headers({ authorization: 'Bearer cw_wrong', cookie: `chipwatch_session=${session.token}` }))).toBeUndefined();
    const id = temp.db.select().from(apiTokens).all()[0].id;
    expect(revokeApiToken(temp.db, actor, id)).toBe(true);
    expect(authenticate(temp.db, new Headers({ authorization: `Bearer ${token}` }))).toBeUndefined();
    expect(listAudit(temp.db).map((e) => e.action)).toEqual(expect.arrayContaining(['token.add', 'token.revoke', 'user.add']));
  });
});

describe('`users add` on the command line', () => {
  it('reads the password from stdin when stdin is not a terminal', async () => {
    const result = await runCli(['users', 'add', '--email', 'piped@example.com', '--role', 'viewer'], { DATABASE_PATH: temp.file }, 'piped-password-1\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('added viewer piped@example.com\n');
    expect(await signIn(temp.db, { email: 'piped@example.com', password: 'piped-password-1', ip: '192.0.2.9' })).toMatchObject({ ok: true });
  });

  it('refuses an empty password, a bad role and a duplicate, with a message, changing nothing', async () => {
    const before = temp.db.select().from(users).all().length;
    const empty = await runCli(['users', 'add', '--email', 'e@example.com', '--role', 'viewer'], { DATABASE_PATH: temp.file }, '');
    expect(empty).toMatchObject({ status: 1, stderr: expect.stringMatching(/^error: stdin is not a terminal/) });
    const role = await runCli(['users', 'add', '--email', 'e@example.com', '--role', 'owner'], { DATABASE_PATH: temp.file }, 'long-enough-pw');
    expect(role).toMatchObject({ status: 1, stderr: 'error: the role must be one of viewer, analyst, admin, got "owner"\n' });
    const dup = await runCli(['users', 'add', '--email', 'piped@example.com', '--role', 'admin'], { DATABASE_PATH: temp.file }, 'long-enough-pw');
    expect(dup.stderr).toMatch(/already an account for piped@example.com/);
    const usage = await runCli(['users', 'add', '--role', 'viewer'], { DATABASE_PATH: temp.file }, 'long-enough-pw');
    expect(usage).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --email') });
    expect(temp.db.select().from(users).all()).toHaveLength(before);
  });

  it('prints a one-time password at a terminal', () => {
    // util-linux `script` gives the CLI a pseudo-terminal for stdin.
    if (spawnSync('script', ['--version']).status !== 0) return;
    const run = spawnSync('script', ['-qec', `${process.execPath} --import tsx jobs/cli.ts users add --email tty@example.com --role analyst`, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: temp.file, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const password = /one-time password[^:]*: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });
});

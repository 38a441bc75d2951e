import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db';
import { acquireJobLock } from '../../lib/jobs/job-lock';
import { rss2, serve, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { runCli } from '../helpers/run-cli';

let server: FeedServer;
let dir: string;
let env: Record<string, string>;
const cli = (...args: string[]) => runCli(args, env);

beforeAll(async () => {
  server = await startFeedServer({
    '/policy.xml': serve(
      rss2([
        { title: 'BIS adds SMIC to the Entity List', guid: 'p1', link: 'https://example.com/p1', description: 'The rule names SMIC and ten units.', pubDate: 'Fri, 18 Dec 2020 15:00:00 GMT' },
        { title: 'Japan tightens tool exports', guid: 'p2', link: 'https://example.com/p2', pubDate: 'Fri, 31 Mar 2023 03:00:00 GMT' },
      ]),
    ),
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-cli-'));
  // A nested folder that does not exist yet: the CLI must create it.
  env = { DATABASE_PATH: path.join(dir, 'nested', 'cli.db'), CHIPWATCH_ALLOW_PRIVATE_FEEDS: '1' };
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CLI contract', () => {
  it('migrate creates the database file and its folder', async () => {
    const r = await cli('migrate');
    expect(r.status).toBe(0);
    expect(fs.existsSync(env.DATABASE_PATH)).toBe(true);
  });

  it('feeds add, list --json, ingest --feed, events list --json', async () => {
    const add = await cli('feeds', 'add', server.url('/policy.xml'), '--title', 'Policy test feed');
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/^added feed 1: http:\/\/127\.0\.0\.1:\d+\/policy\.xml/);
    expect((await cli('feeds', 'add', server.url('/policy.xml'))).stdout).toMatch(/already exists/);

    const ingest = await cli('ingest', '--feed', '1', '--json');
    expect(ingest.status).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ feeds: 1, ok: 1, failed: 0, inserted: 2 });

    const list = JSON.parse((await cli('feeds', 'list', '--json')).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 1, url: server.url('/policy.xml'), title: 'Policy test feed', lastStatus: 'ok', lastError: null, consecutiveFailures: 0, itemCount: 2 });
    expect(Date.parse(list[0].lastFetchedAt)).not.toBeNaN();
    expect(Date.parse(list[0].nextCheckAt)).toBeGreaterThan(Date.now());

    // "Japan tightens tool exports" has no semiconductor evidence of its own, so the tagger keeps it
    // out of events; `--all` lists it.
    const events = JSON.parse((await cli('events', 'list', '--json', '--limit', '5')).stdout);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      feedId: 1, feedUrl: server.url('/policy.xml'), title: 'BIS adds SMIC to the Entity List', url: 'https://example.com/p1',
      publishedAt: '2020-12-18T15:00:00.000Z', countries: ['US'], companies: [{ id: 'smic', name: expect.stringContaining('Semiconductor Manufacturing') }],
      eventType: 'sanction', relevant: true,
    });
    for (const key of ['id', 'summary', 'severity', 'clusterId', 'sources']) expect(events[0]).toHaveProperty(key);
    const all = JSON.parse((await cli('events', 'list', '--all', '--json', '--limit', '1')).stdout);
    expect(all[0]).toMatchObject({ title: 'Japan tightens tool exports', relevant: false, eventType: null });
    expect(JSON.parse((await cli('events', 'list', '--all', '--json')).stdout)).toHaveLength(2);
  });

  it('ingest --due skips feeds that are not due, and the summary is one line', async () => {
    const r = await cli('ingest', '--due');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(r.stdout.trim().split('\n')[0]);
    expect(r.stdout).toMatch(/^ingest: 0 feeds/);
  });

  it('ingest exits 0 when a feed fails, and shows the error in feeds list', async () => {
    await cli('feeds', 'add', server.url('/missing.xml'));
    const r = await cli('ingest');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2 feeds, 1 ok, 0 not modified, 1 failed/);
    const list = JSON.parse((await cli('feeds', 'list', '--json')).stdout);
    expect(list[1]).toMatchObject({ lastStatus: 'error', lastError: 'HTTP 404 Not Found', consecutiveFailures: 1 });
  });

  it('ingest refuses to overlap a run held by another process', async () => {
    const db = openDb(env.DATABASE_PATH);
    const lock = acquireJobLock(db, 'ingest');
    try {
      const r = await cli('ingest');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error: another ingest run is in progress \\(pid ${process.pid} on `));
    } finally {
      lock.release();
      db.$client.close();
    }
    expect((await cli('ingest')).status).toBe(0);
  });

  it('reports a database locked by another process clearly and changes nothing', async () => {
    const db = openDb(env.DATABASE_PATH);
    db.$client.exec('BEGIN EXCLUSIVE');
    try {
      const r = await cli('feeds', 'add', server.url('/locked.xml'));
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('error: the database is locked by another process (waited 5 s); nothing was changed, try again\n');
    } finally {
      db.$client.exec('ROLLBACK');
      db.$client.close();
    }
    const list = JSON.parse((await cli('feeds', 'list', '--json')).stdout) as { url: string }[];
    expect(list.some((f) => f.url.endsWith('/locked.xml'))).toBe(false);
  });

  it('exports OPML and imports it; a malformed OPML changes nothing', async () => {
    const exported = await cli('feeds', 'export');
    expect(exported.stdout).toContain(`xmlUrl="${server.url('/policy.xml')}"`);
    const opml = path.join(dir, 'more.opml');
    fs.writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="Group"><outline text="New" xmlUrl="${server.url('/new.xml')}"/><outline text="Bad" xmlUrl="file:///etc/passwd"/></outline><outline text="Dup" xmlUrl="${server.url('/policy.xml')}"/></body></opml>`,
    );
    const imported = await cli('feeds', 'import', opml);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/1 added, 1 already present, 1 rejected/);
    expect(imported.stderr).toMatch(/rejected file:\/\/\/etc\/passwd: feed URLs must be http or https/);

    const broken = path.join(dir, 'broken.opml');
    fs.writeFileSync(broken, `<opml><body><outline xmlUrl="${server.url('/x.xml')}"></body>`);
    const before = (await cli('feeds', 'list', '--json')).stdout;
    const bad = await cli('feeds', 'import', broken);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: invalid OPML: XML error at line 1/);
    expect((await cli('feeds', 'list', '--json')).stdout).toBe(before);
    const missing = await cli('feeds', 'import', path.join(dir, 'nope.opml'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.opml: ENOENT/);
  });

  it('feeds remove by URL and by id removes the feed and its items', async () => {
    const r = await cli('feeds', 'remove', server.url('/missing.xml'));
    expect(r.status).toBe(0);
    expect((await cli('feeds', 'remove', '1')).stdout).toMatch(/removed feed 1: .* \(2 items\)/);
    expect(JSON.parse((await cli('events', 'list', '--all', '--json')).stdout)).toHaveLength(0);
    const unknown = await cli('feeds', 'remove', '999');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('error: no feed with id or URL "999"\n');
  });

  it.each([
    [['bogus'], /unknown command: bogus/],
    [['feeds', 'add'], /missing feed URL/],
    [['feeds', 'add', 'file:///etc/passwd'], /feed URLs must be http or https, not file/],
    [['feeds', 'add', 'not a url'], /not a valid URL/],
    [['events', 'list', '--limit', 'ten'], /--limit must be a whole number/],
    [['ingest', '--feed', 'https://nowhere.example/feed'], /no feed with id or URL/],
    [['feeds', 'list', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with a clear message and a non-zero exit', async (args, message) => {
    const r = await cli(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});

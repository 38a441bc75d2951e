import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { listItems } from '../../lib/queries/list-items';
import { watchlistRows } from '../../lib/queries/watchlist-rows';
import { addCustomCompany, CustomCompanyError } from '../../lib/tagging/custom-companies';
import { getGazetteerFor, getTaggerFor } from '../../lib/tagging/tagger-instance';
import { SupplierCsvError } from '../../lib/watchlist/parse-supplier-csv';
import { importSupplierCsv, listUnmatched, mapUnmatched, watchlistCompanyIds, WatchlistInputError } from '../../lib/watchlist/manage-watchlist';
import { rss2, serve, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { createTempDb } from '../helpers/temp-db';

let temp: ReturnType<typeof createTempDb>;
let server: FeedServer;

beforeAll(async () => {
  temp = createTempDb();
  server = await startFeedServer({
    '/news.xml': serve(
      rss2([
        {
          title: 'Kestrel Wafer Chemicals halts shipments after Malaysia plant fire',
          guid: 'k1',
          description: 'The supplier of high-purity chemicals to chipmakers said output would stop for weeks.',
          pubDate: 'Mon, 02 Jun 2025 08:00:00 GMT',
        },
      ]),
    ),
  });
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

const CSV = 'Vendor,Supplier name,Country\n1,"Micron Technology, Inc.",US\n2,ASML Holding N.V.,NL\n3,Kestrel Wafer Chemicals Sdn Bhd,MY\n4,,\n5,"Micron Technology, Inc.",US\n';

describe('the watchlist', () => {
  it('matches an uploaded supplier list, lists the rest as unmatched, and refuses junk without changing anything', () => {
    const result = importSupplierCsv(temp.db, CSV);
    expect(result.matched.map((m) => m.match.companyId)).toEqual(['micron', 'asml', 'micron']);
    expect(result.matched.map((m) => m.added)).toEqual([true, true, false]);
    expect(result.unmatched.map((u) => u.name)).toEqual(['Kestrel Wafer Chemicals Sdn Bhd']);
    expect(result.skipped).toBe(1);
    expect(watchlistCompanyIds(temp.db)).toEqual(['asml', 'micron']);
    expect(listUnmatched(temp.db)).toEqual([expect.objectContaining({ name: 'Kestrel Wafer Chemicals Sdn Bhd', details: 'Vendor: 3; Country: MY' })]);

    expect(() => importSupplierCsv(temp.db, Buffer.from([0, 1, 2, 3, 0xff, 0xfe]))).toThrow(SupplierCsvError);
    expect(watchlistCompanyIds(temp.db)).toEqual(['asml', 'micron']);
    expect(() => mapUnmatched(temp.db, 'Kestrel Wafer Chemicals Sdn Bhd', 'no-such-company')).toThrow(WatchlistInputError);
    expect(listUnmatched(temp.db)).toHaveLength(1);
  });

  it('adds an unmatched supplier as a new company that the tagger then finds in new items', async () => {
    expect(() =>
      addCustomCompany(temp.db, getGazetteerFor(temp.db), { name: 'Micron', aliases: [], hq: 'US', sites: [], segment: 'memory' }),
    ).toThrow(CustomCompanyError);
    const versionBefore = getTaggerFor(temp.db).version;
    const id = addCustomCompany(temp.db, getGazetteerFor(temp.db), {
      name: 'Kestrel Wafer Chemicals',
      aliases: ['Kestrel Chemicals'],
      hq: 'MY',
      sites: ['MY', 'SG'],
      segment: 'materials',
    });
    mapUnmatched(temp.db, 'Kestrel Wafer Chemicals Sdn Bhd', id);
    expect(id).toBe('kestrel-wafer-chemicals');
    expect(getTaggerFor(temp.db).version).not.toBe(versionBefore);
    expect(watchlistCompanyIds(temp.db)).toContain(id);
    expect(listUnmatched(temp.db)).toHaveLength(0);

    const feed = addFeed(temp.db, server.url('/news.xml')).feed;
    await runIngest(temp.db, { feedIds: [feed.id], allowPrivate: true });
    const [event] = listItems(temp.db);
    expect(event.companies).toContainEqual({ id, name: 'Kestrel Wafer Chemicals' });
    expect(event.countries).toContain('MY');
  });

  it('lists the watchlist with scores, highest first', () => {
    const rows = watchlistRows(temp.db);
    expect(rows.map((r) => r.companyId).sort()).toEqual(['asml', 'kestrel-wafer-chemicals', 'micron']);
    expect(rows.find((r) => r.companyId === 'micron')).toMatchObject({ supplierName: 'Micron Technology, Inc.', source: 'csv', name: 'Micron Technology' });
  });
});

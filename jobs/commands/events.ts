import { listItems } from '../../lib/queries/list-items';
import { UsageError, expectPositionals, openMigratedDb, parse, parseLimit } from '../cli-args';

export function eventsCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new UsageError(sub ? `unknown events command: ${sub}` : 'missing events command');
  const { values, positionals } = parse(rest, {
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  expectPositionals(positionals, 0, '');
  const rows = listItems(openMigratedDb(), { all: values.all, limit: parseLimit(values.limit) });
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) console.log('no events yet: run `ingest`, or `demo` to load the sample archive');
  else {
    for (const r of rows) {
      const kind = r.relevant === false ? 'off-topic' : `${r.eventType ?? 'untagged'} ${r.severity?.toFixed(2) ?? ''}`.trim();
      const tags = [...r.countries, ...r.companies.map((c) => c.id)].join(', ');
      const sources = r.sources.length > 1 ? ` · ${r.sources.length} sources` : '';
      console.log(`${r.publishedAt.slice(0, 10)}  [${kind}] ${r.title}\n            ${tags || 'no tags'}${sources} · ${r.url ?? ''} (${r.feedTitle ?? r.feedUrl})`);
    }
  }
  return 0;
}


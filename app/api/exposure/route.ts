import { getDb } from '../../../db';
import { log } from '../../../lib/log';
import { companyExposure, ExposureQueryError } from '../../../lib/queries/company-exposure';
import { resolveRange } from '../../../lib/queries/date-range';
import type { RowsRest } from '../../../lib/exposure/ledger-cap';

// Reads the database on every request; never prerendered or cached.
export const dynamic = 'force-dynamic';

/**
 * GET /api/exposure?company=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD
 * → { company, name, from, to, score, ledgerRows, series: [{date, score, support}], ledger: [{eventId, title, date,
 *     eventType, route, country, presence, typeWeight, severity, confidence, routeWeight, decay, contribution}],
 *     support: {score, ledgerRows, ledger} }
 * One series point per day; the ledger is for `to`, biggest row first: the biggest 100 rows, then,
 * when the ledger has more (`ledgerRows` counts them all), one remainder row {eventId: null, title,
 * date: to, eventType: null, route: "remainder", rows, contribution} holding what all the others add
 * up to, so the contributions always sum to the score. Defaults: `to` is the latest computed day,
 * `from` a year before it. 400 {error} for a missing or unknown company, a bad date, a reversed or
 * over-long range.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const companyId = params.get('company');
  if (!companyId) return badRequest('give company=<id>, an id from data/companies.json such as "micron"');
  try {
    const db = getDb();
    const range = resolveRange(db, { from: params.get('from'), to: params.get('to') });
    const result = companyExposure(db, companyId, range);
    const row = ({ raw: _raw, ...r }: (typeof result.ledger)[number]) => r;
    const ledger = (rows: typeof result.ledger, rest: typeof result.rest) => [...rows.map(row), ...(rest ? [remainder(rest, result.to)] : [])];
    return Response.json(
      {
        company: result.company.id,
        name: result.company.name,
        from: result.from,
        to: result.to,
        score: result.score,
        ledgerRows: result.rows,
        series: result.series,
        ledger: ledger(result.ledger, result.rest),
        support: { score: result.support.score, ledgerRows: result.support.rows, ledger: ledger(result.support.ledger, result.support.rest) },
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof ExposureQueryError) return badRequest(err.message);
    log.error({ err, companyId }, 'exposure API failed');
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
}

/** The ledger's last row when it has more rows than it lists: what every other row adds up to. */
function remainder(rest: RowsRest, day: string) {
  const title = `${rest.rows.toLocaleString('en-US')} more ${rest.rows === 1 ? 'row' : 'rows'}, each smaller than those above`;
  return { eventId: null, title, date: day, eventType: null, route: 'remainder', rows: rest.rows, contribution: rest.contribution };
}

function badRequest(error: string): Response {
  return Response.json({ error }, { status: 400, headers: { 'cache-control': 'no-store' } });
}

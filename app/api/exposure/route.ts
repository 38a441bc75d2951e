import { getDb } from '../../../db';
import { log } from '../../../lib/log';
import { companyExposure, ExposureQueryError } from '../../../lib/queries/company-exposure';
import { resolveRange } from '../../../lib/queries/date-range';

// Reads the database on every request; never prerendered or cached.
export const dynamic = 'force-dynamic';

/**
 * GET /api/exposure?company=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD
 * → { company, name, from, to, score, series: [{date, score, support}], ledger: [{eventId, title, date,
 *     eventType, route, country, presence, typeWeight, severity, confidence, routeWeight, decay, contribution}],
 *     support: {score, ledger} }
 * One series point per day; the ledger (every row, biggest first) is for `to`. Defaults: `to` is the
 * latest computed day, `from` a year before it. 400 {error} for a missing or unknown company, a bad
 * date, a reversed or over-long range.
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
    return Response.json(
      {
        company: result.company.id,
        name: result.company.name,
        from: result.from,
        to: result.to,
        score: result.score,
        series: result.series,
        ledger: result.ledger.map(row),
        support: { score: result.support.score, ledger: result.support.ledger.map(row) },
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    if (err instanceof ExposureQueryError) return badRequest(err.message);
    log.error({ err, companyId }, 'exposure API failed');
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
}

function badRequest(error: string): Response {
  return Response.json({ error }, { status: 400, headers: { 'cache-control': 'no-store' } });
}

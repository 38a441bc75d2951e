import { fetchCompanyExposure, fetchEventUrls } from '../../../lib/data/companies';
import { COMPANY_SCALE } from '../../../lib/exposure/parameters';
import type { DateRange } from '../../../lib/queries/date-range';
import { LocalDate } from '../../components/local-date';
import { LedgerRows } from './ledger-rows';

const SHOWN_ROWS = 25;

/** "Why this score": the ledger rows behind the score on the range's last day, and proof they add up. */
export async function LedgerTable({ companyId, range }: { companyId: string; range: DateRange }) {
  const exposure = await fetchCompanyExposure(companyId, range.from, range.to);
  const rows = exposure.ledger;
  if (exposure.rows === 0) {
    return (
      <p className="empty">
        Nothing reaches {exposure.company.name} on <LocalDate day={range.to} />: no event within its decay horizon names it or a country where it is present.
        Pick an earlier “To” date above, or check its tags on the <a href="/events">events page</a>.
      </p>
    );
  }
  const total = rows.reduce((s, r) => s + r.contribution, 0) + (exposure.rest?.contribution ?? 0);
  const urls = await fetchEventUrls(rows.slice(0, SHOWN_ROWS).map((r) => r.eventId));
  return (
    <>
      <p className="note" style={{ marginTop: 0 }}>
        One row per event reaching the company on the ledger day. Raw weight = type weight × severity × confidence (by how many feeds carried it) × route
        weight × decay. The score is 100 × (1 − e<sup>−Σraw / {COMPANY_SCALE}</sup>), and each row’s contribution is its share of the score in proportion to
        its raw weight, so the contributions add up to the score.
      </p>
      <p className="sum-line" data-testid="ledger-sum">
        {exposure.rows.toLocaleString('en-US')} {exposure.rows === 1 ? 'row sums' : 'rows sum'} to <span data-testid="ledger-total">{total.toFixed(2)}</span> = the score on{' '}
        <LocalDate day={range.to} />, <span data-testid="ledger-score">{exposure.score.toFixed(2)}</span>.
      </p>
      <LedgerRows rows={rows} more={exposure.rest} limit={SHOWN_ROWS} urls={urls} allHref={`/api/exposure?company=${companyId}&from=${range.to}&to=${range.to}`} caption={`Ledger of ${exposure.company.name} on ${range.to}`} />
    </>
  );
}

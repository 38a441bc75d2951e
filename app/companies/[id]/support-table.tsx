import { fetchCompanyExposure, fetchEventUrls } from '../../../lib/data/companies';
import type { DateRange } from '../../../lib/queries/date-range';
import { LocalDate } from '../../components/local-date';
import { LedgerRows } from './ledger-rows';

/** Investment reaching the company, scored like risk but on its own: it never offsets the exposure score. */
export async function SupportTable({ companyId, range }: { companyId: string; range: DateRange }) {
  const exposure = await fetchCompanyExposure(companyId, range.from, range.to);
  const { score, ledger, rows, rest } = exposure.support;
  if (rows === 0) {
    return (
      <p className="empty">
        No subsidy, grant or investment event reaches {exposure.company.name} on <LocalDate day={range.to} />.
      </p>
    );
  }
  const urls = await fetchEventUrls(ledger.slice(0, 10).map((r) => r.eventId));
  return (
    <>
      <p className="sum-line">
        Support {score.toFixed(2)} from {rows.toLocaleString('en-US')} investment {rows === 1 ? 'event' : 'events'}. Tracked beside the exposure score, never
        subtracted from it: a subsidy does not undo an export ban.
      </p>
      <LedgerRows rows={ledger} more={rest} limit={10} urls={urls} allHref={`/api/exposure?company=${companyId}&from=${range.to}&to=${range.to}`} caption={`Support ledger of ${exposure.company.name} on ${range.to}`} />
    </>
  );
}

import Link from 'next/link';
import { fetchBreakdown } from '../../../lib/data/companies';
import { NO_COUNTRY } from '../../../lib/queries/company-breakdown';
import type { DateRange } from '../../../lib/queries/date-range';
import { LocalDate } from '../../components/local-date';

const NOTES = {
  country:
    'Rows that reached the company through a country count under it; rows naming the company are split equally over the countries the event names.',
  type: 'Ledger rows grouped by the kind of measure.',
} as const;

/** The score on the ledger day split by country or by event type; either way the parts add up to the score. */
export async function BreakdownTable({ companyId, range, by }: { companyId: string; range: DateRange; by: 'country' | 'type' }) {
  const breakdown = await fetchBreakdown(companyId, range.to);
  const rows = by === 'country' ? breakdown.byCountry : breakdown.byType;
  if (rows.length === 0) {
    return (
      <p className="empty">
        Nothing to split: the score on <LocalDate day={range.to} /> is 0.
      </p>
    );
  }
  const total = rows.reduce((s, r) => s + r.contribution, 0);
  const max = rows[0].contribution || 1;
  return (
    <>
      <p className="note" style={{ marginTop: 0 }}>
        {NOTES[by]} Total {total.toFixed(2)}, the score.
      </p>
      <table data-testid={`breakdown-${by}`}>
        <thead>
          <tr>
            <th scope="col">{by === 'country' ? 'Country' : 'Event type'}</th>
            <th scope="col" className="num">Points</th>
            <th scope="col" style={{ width: '35%' }}>
              <span className="sr-only">Share</span>
            </th>
            <th scope="col" className="num">Rows</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key || 'none'}>
              <td>{by === 'country' && r.key !== NO_COUNTRY ? <Link prefetch={false} href={`/countries/${r.key}`}>{r.label}</Link> : r.label}</td>
              <td className="num">{r.contribution.toFixed(2)}</td>
              <td aria-hidden="true">
                <div className="bar" style={{ width: `${(100 * r.contribution) / max}%` }} />
              </td>
              <td className="num">{r.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

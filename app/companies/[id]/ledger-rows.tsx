import type { CompanyExposure } from '../../../lib/queries/company-exposure';
import { LocalDate } from '../../components/local-date';
import { RouteLabel } from '../../components/route-label';

type Row = CompanyExposure['ledger'][number];

/**
 * Ledger rows with every factor of their contribution, the biggest `limit` of them, then one line
 * for the rest so a ledger of thousands of country-route rows stays readable and still adds up.
 * `rows` are the biggest rows the query returned and `more` what the ledger's other rows add up to.
 */
export function LedgerRows({
  rows,
  more,
  limit,
  caption,
  urls,
  allHref,
}: {
  rows: Row[];
  more: CompanyExposure['rest'];
  limit: number;
  caption: string;
  urls: Map<number, string>;
  allHref: string;
}) {
  const shown = rows.slice(0, limit);
  const rest = rows.slice(limit);
  const restRows = rest.length + (more?.rows ?? 0);
  const restTotal = rest.reduce((s, r) => s + r.contribution, 0) + (more?.contribution ?? 0);
  return (
    <table data-testid="ledger-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Date</th>
          <th scope="col">Type</th>
          <th scope="col">Route</th>
          <th scope="col" className="num">Type weight</th>
          <th scope="col" className="num">Severity</th>
          <th scope="col" className="num">Confidence</th>
          <th scope="col" className="num">Route weight</th>
          <th scope="col" className="num">Decay</th>
          <th scope="col" className="num">Contribution</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.eventId} data-event-id={r.eventId}>
            <td>{urls.has(r.eventId) ? <a href={urls.get(r.eventId)} rel="noopener noreferrer">{r.title}</a> : r.title}</td>
            <td>
              <LocalDate day={r.date} />
            </td>
            <td>
              <span className="tag">{r.eventType}</span>
            </td>
            <td>
              <RouteLabel route={r.route} country={r.country} presence={r.presence} />
            </td>
            <td className="num">{r.typeWeight}</td>
            <td className="num">{r.severity.toFixed(2)}</td>
            <td className="num">{r.confidence.toFixed(2)}</td>
            <td className="num">{r.routeWeight.toFixed(3)}</td>
            <td className="num">{r.decay.toFixed(3)}</td>
            <td className="num" data-testid="contribution">
              {r.contribution.toFixed(2)}
            </td>
          </tr>
        ))}
      </tbody>
      {restRows ? (
        <tfoot>
          <tr data-testid="ledger-rest" data-rows={restRows}>
            <td colSpan={9}>
              {restRows.toLocaleString('en-US')} more {restRows === 1 ? 'row' : 'rows'}, totalling{' '}
              <span className="muted">
                (the biggest {rows.length} rows and the sum of the others: <a href={allHref}>JSON</a>)
              </span>
            </td>
            <td className="num" data-testid="rest-contribution">
              {restTotal.toFixed(2)}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

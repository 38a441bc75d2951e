import { fetchCompanyEvents } from '../../../lib/data/companies';
import { hrefWith } from '../../../lib/data/search-params';
import type { DateRange } from '../../../lib/queries/date-range';
import { EventLeadCells, EventLeadHeaders } from '../../components/event-lead-cells';
import { Pager } from '../../components/pager';
import { RouteLabel } from '../../components/route-label';

/** Every event reaching the company in the range, latest first; those reaching it through a country say so. */
export async function EventsTable({ companyId, range, page }: { companyId: string; range: DateRange; page: number }) {
  const events = await fetchCompanyEvents(companyId, range, page);
  if (events.rows.length === 0) {
    return <p className="empty">{page > 1 ? 'No older events in this range.' : 'No event names this company, or a country where it is present, in this range. Widen the range above.'}</p>;
  }
  return (
    <>
      <table data-testid="company-events">
        <thead>
          <tr>
            <EventLeadHeaders />
            <th scope="col" className="num">Feeds</th>
            <th scope="col">How it reaches the company</th>
          </tr>
        </thead>
        <tbody>
          {events.rows.map((e) => (
            <tr key={e.id} data-route={e.route}>
              <EventLeadCells event={e} />
              <td className="num">{e.sources}</td>
              <td>
                <RouteLabel route={e.route} country={e.country} presence={e.presence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        page={events.page}
        hasMore={events.hasMore}
        label="Event pages"
        newer="← Newer"
        older="Older →"
        href={(p) => `${hrefWith(`/companies/${companyId}`, { from: range.from, to: range.to }, { page: p === 1 ? undefined : p })}#events-h`}
      />
    </>
  );
}

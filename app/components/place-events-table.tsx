import Link from 'next/link';
import { fetchPlaceEvents } from '../../lib/data/places';
import { hrefWith } from '../../lib/data/search-params';
import type { DateRange } from '../../lib/queries/date-range';
import { EventLeadCells, EventLeadHeaders } from './event-lead-cells';
import { Pager } from './pager';

/** Events naming a country (or any of a region's countries) in the range, latest first, with who they name. */
export async function PlaceEventsTable({ countries, range, page, path, showCountries }: { countries: string[]; range: DateRange; page: number; path: string; showCountries: boolean }) {
  const events = await fetchPlaceEvents(countries, range, page);
  if (events.rows.length === 0) {
    return <p className="empty">{page > 1 ? 'No older events in this range.' : 'No event names this place in this range. Widen the range above.'}</p>;
  }
  return (
    <>
      <table data-testid="place-events">
        <thead>
          <tr>
            <EventLeadHeaders />
            {showCountries ? <th scope="col">Countries here</th> : null}
            <th scope="col">Companies named</th>
          </tr>
        </thead>
        <tbody>
          {events.rows.map((e) => (
            <tr key={e.id}>
              <EventLeadCells event={e} />
              {showCountries ? (
                <td>
                  {e.countries.map((c) => (
                    <Link prefetch={false} key={c} className="tag" href={`/countries/${c}`}>
                      {c}
                    </Link>
                  ))}
                </td>
              ) : null}
              <td>
                {e.companies.map((c) => (
                  <Link prefetch={false} key={c.id} className="tag" href={`/companies/${c.id}`} title={`named in ${c.named}`}>
                    {c.name}
                  </Link>
                ))}
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
        href={(p) => `${hrefWith(path, { from: range.from, to: range.to }, { page: p === 1 ? undefined : p })}#events-h`}
      />
    </>
  );
}

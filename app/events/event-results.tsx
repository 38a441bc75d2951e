import Link from 'next/link';
import { fetchEvents, fetchHasItems } from '../../lib/data/events';
import { eventFiltersToParams, type EventFilters } from '../../lib/queries/event-filters';
import { EventCard } from './event-card';
import styles from './events.module.css';

/** One page of results, the links to the next page and to the same view as CSV and JSON, or what to do when it is empty. */
export async function EventResults({ filters, canCorrect }: { filters: EventFilters; canCorrect: boolean }) {
  const page = await fetchEvents(filters, { withTotal: true });
  const base = eventFiltersToParams(filters);
  const exportParams = eventFiltersToParams({ ...filters, limit: 50 }).toString();
  if (page.events.length === 0) return <EmptyState filtered={base.size > 0 || filters.cursor !== null} />;
  const count =
    page.total !== null
      ? `${page.total.toLocaleString('en-US')} ${page.total === 1 ? 'event' : 'events'}`
      : `${page.events.length} events on this page${page.nextCursor ? ', more on the next' : ''}`;
  return (
    <section aria-labelledby="results-heading">
      <div className={styles.summaryLine}>
        <h2 id="results-heading" data-testid="results-count">
          {count}
        </h2>
        <span className="muted">
          This view as <a href={`/api/events.csv${exportParams ? `?${exportParams}` : ''}`}>CSV</a> ·{' '}
          <a href={`/api/events${exportParams ? `?${exportParams}` : ''}`}>JSON</a>
        </span>
      </div>
      <ol className={styles.list} data-testid="event-list">
        {page.events.map((e) => (
          <EventCard key={e.id} event={e} canCorrect={canCorrect} />
        ))}
      </ol>
      <nav className="pager" aria-label="Pages">
        {filters.cursor ? <Link href={`/events${base.size ? `?${base}` : ''}`}>← First page</Link> : null}
        {page.nextCursor ? (
          <Link href={`/events?${eventFiltersToParams(filters, { cursor: page.nextCursor })}`} rel="next" data-testid="next-page">
            Next page →
          </Link>
        ) : (
          <span className="muted">End of the list</span>
        )}
      </nav>
    </section>
  );
}

async function EmptyState({ filtered }: { filtered: boolean }) {
  if (!(await fetchHasItems())) {
    return (
      <div className="empty" data-testid="events-empty">
        <p>No items collected yet.</p>
        <p>
          Load the bundled sample with <code>npm run cli -- demo</code>, or add a feed on the <Link href="/feeds">feeds page</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="events-empty">
      <p>No events match these filters.</p>
      {filtered ? (
        <p>
          Try fewer companies or countries, a wider date range, a lower minimum severity, other search words, or include off-topic items;
          or <Link href="/events">clear all filters</Link>.
        </p>
      ) : (
        <p>
          Nothing has been judged relevant yet. Tick “Include off-topic items” to see everything collected.
        </p>
      )}
    </div>
  );
}

/** Fixed-size placeholder while results load, the same height as the results area, so nothing below moves. */
export function ResultsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading events">
      <div className="skeleton" style={{ height: '1.75rem', width: '14rem', marginBottom: '0.5rem' }} />
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className={`skeleton ${styles.skeletonRow}`} />
      ))}
    </div>
  );
}

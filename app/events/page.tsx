import { connection } from 'next/server';
import { Suspense } from 'react';
import { getDb } from '../../db';
import { currentCaller } from '../../lib/auth/current-caller';
import { roleAllows } from '../../lib/auth/roles';
import { fetchEventFilterOptions } from '../../lib/data/events';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { safeParseEventFilters } from '../../lib/queries/event-filters';
import { ReadOnlyNote } from '../components/read-only-note';
import { EventResults, ResultsSkeleton } from './event-results';
import styles from './events.module.css';
import { FilterForm } from './filter-form';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The events explorer. The URL's search parameters are the only filter state, so every view
 * (page of results included) is a link that can be shared; the filters are validated by the same
 * code as the JSON API and the CSV export (lib/queries/event-filters.ts).
 */
export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  // Signed in: proxy.ts lets no anonymous request reach this page. Viewers get no correction forms.
  const role = (await currentCaller())!.user.role;
  const canCorrect = roleAllows(role, 'analyst');
  const raw = await searchParams;
  const parsed = safeParseEventFilters(raw, getGazetteerFor(getDb()));
  const options = await fetchEventFilterOptions();
  return (
    <>
      <h1>Events</h1>
      {canCorrect ? null : <ReadOnlyNote role={role} what="analysts and admins correct tags" />}
      <FilterForm options={options} raw={raw} />
      <datalist id="company-options">
        {options.companies.map((c) => (
          <option key={c.id} value={c.id} label={c.name} />
        ))}
      </datalist>
      <datalist id="country-options">
        {options.countries.map((c) => (
          <option key={c.code} value={c.code} label={c.name} />
        ))}
      </datalist>
      <div className={styles.results}>
        {parsed.ok ? (
          // Keyed by the query so a new search shows the skeleton instead of the previous results.
          <Suspense key={JSON.stringify(raw)} fallback={<ResultsSkeleton />}>
            <EventResults filters={parsed.filters} canCorrect={canCorrect} />
          </Suspense>
        ) : (
          <p role="alert" className="error-text" data-testid="filter-error">
            These filters cannot be used: {parsed.error.message}. Correct the field above, or <a href="/events">clear all filters</a>.
          </p>
        )}
      </div>
    </>
  );
}

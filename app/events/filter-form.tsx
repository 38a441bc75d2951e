import Link from 'next/link';
import type { RawParams } from '../../lib/queries/event-filters';
import { CleanGetForm } from '../components/clean-get-form';
import styles from './events.module.css';
import { SORT_LABELS, typeLabel } from './labels';

export interface FilterOptions {
  companies: { id: string; name: string }[];
  countries: { code: string; name: string }[];
  regions: { id: string; name: string }[];
  types: string[];
}

/**
 * The explorer's filters as real form controls, filled from the URL (the only filter state), so
 * a refused value stays in place to be corrected. Fields appear in the order the page writes its
 * links, so a submitted form and a "next page" link read the same.
 */
export function FilterForm({ options, raw }: { options: FilterOptions; raw: Exclude<RawParams, URLSearchParams> }) {
  const all = (key: string) => [raw[key] ?? []].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const one = (key: string) => all(key)[0] ?? '';
  const companies = new Set(all('company').map((v) => v.toLowerCase()));
  const countries = new Set(all('country').map((v) => v.toUpperCase()));
  const types = new Set(all('type'));
  return (
    <div className={styles.form}>
      <CleanGetForm action="/events" label="Filter events">
        <div className="filters">
          <label>
            Companies
            <select name="company" multiple size={6} defaultValue={[...companies]} data-testid="filter-company">
              {options.companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <span className={styles.hint}>{selectedNote(options.companies.filter((c) => companies.has(c.id)).map((c) => c.name), 'Ctrl or ⌘ to pick several; any of them matches')}</span>
          </label>
          <label>
            Countries
            <select name="country" multiple size={6} defaultValue={[...countries]} data-testid="filter-country">
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
            <span className={styles.hint}>{selectedNote(options.countries.filter((c) => countries.has(c.code)).map((c) => c.code), 'Any of them matches')}</span>
          </label>
          <label>
            Region
            <select name="region" defaultValue={one('region')}>
              <option value="">Any region</option>
              {options.regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Event type
            <select name="type" multiple size={6} defaultValue={[...types]}>
              {options.types.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="filters">
          <label>
            Minimum severity (0–1)
            <input type="number" name="minSeverity" min={0} max={1} step={0.05} defaultValue={one('minSeverity')} />
          </label>
          <label>
            From (UTC)
            <input type="date" name="from" defaultValue={one('from')} />
          </label>
          <label>
            To (UTC)
            <input type="date" name="to" defaultValue={one('to')} />
          </label>
          <label>
            Search titles and summaries
            <input type="search" name="q" defaultValue={one('q')} placeholder='micron ban, "entity list", export*' maxLength={200} />
          </label>
          <label>
            Include off-topic items
            <input type="checkbox" name="relevant" value="all" defaultChecked={one('relevant') === 'all'} />
          </label>
          <label>
            Sort
            <select name="sort" defaultValue={one('sort') === 'newest' ? '' : one('sort')}>
              <option value="">{SORT_LABELS.newest}</option>
              <option value="oldest">{SORT_LABELS.oldest}</option>
              <option value="severity">{SORT_LABELS.severity}</option>
              <option value="relevance">{SORT_LABELS.relevance}</option>
            </select>
          </label>
          {one('limit') ? <input type="hidden" name="limit" value={one('limit')} /> : null}
          <div className={styles.actions}>
            <button type="submit">Apply filters</button>
            <Link href="/events">Clear</Link>
          </div>
        </div>
      </CleanGetForm>
    </div>
  );
}

/** A long list scrolls its choices out of sight: say what is chosen under it. */
function selectedNote(chosen: string[], otherwise: string): string {
  return chosen.length ? `Chosen: ${chosen.join(', ')}` : otherwise;
}

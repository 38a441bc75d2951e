'use client';

import { useActionState } from 'react';
import {
  addAsNewCompanyAction,
  addWatchlistCompanyAction,
  mapUnmatchedAction,
  uploadSuppliersAction,
  type WatchlistFormState,
} from '../../lib/actions/watchlist';

export interface CompanyOption {
  id: string;
  name: string;
}

function Message({ state }: { state: WatchlistFormState }) {
  if (state.ok) return <p role="status">{state.ok}</p>;
  if (state.error) return <p role="alert" className="error-text">{state.error}</p>;
  return null;
}

/** A company picker that works from the keyboard: type a name, pick the id from the list. */
function CompanyInput({ listId, label }: { listId: string; label: string }) {
  return (
    <label>
      {label}
      <input name="company" list={listId} required placeholder="micron" autoComplete="off" />
    </label>
  );
}

export function CompanyDatalist({ id, companies }: { id: string; companies: CompanyOption[] }) {
  return (
    <datalist id={id}>
      {companies.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </datalist>
  );
}

export function AddCompanyForm({ listId }: { listId: string }) {
  const [state, action, pending] = useActionState(addWatchlistCompanyAction, {});
  return (
    <form action={action} className="filters" aria-label="Add a company to the watchlist">
      <CompanyInput listId={listId} label="Company (id or pick from the list)" />
      <button type="submit" disabled={pending}>Add</button>
      <Message state={state} />
    </form>
  );
}

export function UploadSuppliersForm() {
  const [state, action, pending] = useActionState(uploadSuppliersAction, {});
  return (
    <form action={action} className="filters" aria-label="Upload a supplier list">
      <label>
        Supplier list (CSV with a name, supplier or company column)
        <input name="file" type="file" accept=".csv,text/csv,text/plain" required />
      </label>
      <button type="submit" disabled={pending}>Upload</button>
      <Message state={state} />
    </form>
  );
}

export function MapUnmatchedForm({ name, listId }: { name: string; listId: string }) {
  const [state, action, pending] = useActionState(mapUnmatchedAction, {});
  return (
    <form action={action} className="filters" aria-label={`Map ${name}`}>
      <input type="hidden" name="name" value={name} />
      <CompanyInput listId={listId} label="Is this company" />
      <button type="submit" disabled={pending}>Map</button>
      <Message state={state} />
    </form>
  );
}

export function AddAsNewCompanyForm({ name, segments, countries }: { name: string; segments: readonly string[]; countries: CompanyOption[] }) {
  const [state, action, pending] = useActionState(addAsNewCompanyAction, {});
  return (
    <form action={action} className="filters" aria-label={`Add ${name} as a new company`}>
      <input type="hidden" name="original" value={name} />
      <label>
        Name
        <input name="name" defaultValue={name} required maxLength={100} />
      </label>
      <label>
        Other names (comma-separated)
        <input name="aliases" placeholder="short name, ticker, native-script name" />
      </label>
      <label>
        Headquarters
        <select name="hq" required defaultValue="">
          <option value="" disabled>
            choose…
          </option>
          {countries.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sites (country codes)
        <input name="sites" placeholder="MY, SG" />
      </label>
      <label>
        Segment
        <select name="segment" defaultValue="materials">
          {segments.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>Add company</button>
      <Message state={state} />
    </form>
  );
}

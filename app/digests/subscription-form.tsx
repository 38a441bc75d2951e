'use client';

import { useActionState } from 'react';
import { saveSubscriptionAction, type SubscriptionFormState } from '../../lib/actions/digests';
import type { SubscriptionView } from '../../lib/digest/subscription-view';

export interface FormOptions {
  regions: { id: string; name: string }[];
  eventTypes: string[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function FieldError({ state, field }: { state: SubscriptionFormState; field: keyof NonNullable<SubscriptionFormState['fieldErrors']> }) {
  const message = state.fieldErrors?.[field];
  return message ? <span className="error-text">{message}</span> : null;
}

/**
 * Create or edit a subscription. Companies and countries are typed as ids (with a datalist of
 * companies), because a multi-select of 180 companies is unusable from the keyboard.
 */
export function SubscriptionForm({ options, subscription, label }: { options: FormOptions; subscription?: SubscriptionView; label: string }) {
  const [state, action, pending] = useActionState(saveSubscriptionAction, {});
  const s = subscription;
  // After a refusal, show what was typed (React resets the form to these defaults after the action).
  const v = state.values;
  return (
    <form action={action} aria-label={label} className="filters subscription-form">
      {s ? <input type="hidden" name="id" value={s.id} /> : null}
      <label>
        Email
        <input name="email" type="email" required defaultValue={v?.email ?? s?.email} placeholder="buyer@example.com" autoComplete="off" />
        <FieldError state={state} field="email" />
      </label>
      <label>
        Cadence
        <select name="cadence" defaultValue={v?.cadence ?? s?.cadence ?? 'daily'}>
          <option value="daily">daily</option>
          <option value="weekly">weekly</option>
        </select>
      </label>
      <label>
        Weekly on
        <select name="weekday" defaultValue={v?.weekday ?? String(s?.weekday ?? 1)}>
          {WEEKDAYS.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        Hour (0–23)
        <input name="hour" inputMode="numeric" defaultValue={v?.hour ?? String(s?.hour ?? 8)} size={3} />
        <FieldError state={state} field="hour" />
      </label>
      <label>
        Time zone
        <input name="timeZone" list="time-zones" defaultValue={v?.timeZone ?? s?.tz ?? 'UTC'} placeholder="Europe/Amsterdam" />
        <FieldError state={state} field="timeZone" />
      </label>
      <label>
        Companies (ids, comma-separated)
        <input name="companies" list="digest-companies" defaultValue={v?.companies ?? s?.companies.join(', ')} placeholder="micron, tsmc" />
        <FieldError state={state} field="companies" />
      </label>
      <label className="check">
        <input type="checkbox" name="useWatchlist" defaultChecked={v?.useWatchlist ?? s?.watchlist} /> and my watchlist
      </label>
      <label>
        Countries (codes)
        <input name="countries" defaultValue={v?.countries ?? s?.countries.join(', ')} placeholder="CN, US" />
        <FieldError state={state} field="countries" />
      </label>
      <label>
        Region
        <select name="region" defaultValue={v?.region ?? s?.region ?? ''}>
          <option value="">any</option>
          {options.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Event types (none ticked: all)</legend>
        {options.eventTypes.map((t) => (
          <label key={t} className="check">
            <input type="checkbox" name="eventTypes" value={t} defaultChecked={v ? v.eventTypes.includes(t) : s?.types.includes(t)} /> {t}
          </label>
        ))}
        <FieldError state={state} field="eventTypes" />
      </fieldset>
      <label>
        Minimum severity (0–1)
        <input name="minSeverity" inputMode="decimal" defaultValue={v?.minSeverity ?? s?.minSeverity ?? ''} size={4} />
        <FieldError state={state} field="minSeverity" />
      </label>
      <label className="check">
        <input type="checkbox" name="sendWhenEmpty" defaultChecked={v?.sendWhenEmpty ?? s?.sendWhenEmpty} /> send a short digest when nothing is new
      </label>
      <label>
        Alert when a score rises more than (points in a day)
        <input name="alertScoreRise" inputMode="decimal" defaultValue={v?.alertScoreRise ?? s?.alertRise ?? ''} size={4} />
        <FieldError state={state} field="alertScoreRise" />
      </label>
      <label>
        Alert on events of severity at least
        <input name="alertMinSeverity" inputMode="decimal" defaultValue={v?.alertMinSeverity ?? s?.alertSeverity ?? ''} size={4} />
        <FieldError state={state} field="alertMinSeverity" />
      </label>
      <button type="submit" disabled={pending}>
        {s ? 'Save' : 'Subscribe'}
      </button>
      {state.ok ? <p role="status">{state.ok}</p> : null}
      {state.error ? (
        <p role="alert" className="error-text">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

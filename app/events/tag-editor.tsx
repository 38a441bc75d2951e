'use client';

import { useActionState } from 'react';
import { correctTag, type CorrectTagState } from '../../lib/actions/correct-tag';
import styles from './events.module.css';

const initial: CorrectTagState = { ok: false, message: null, fieldErrors: {} };

export interface EditableTag {
  kind: 'company' | 'country';
  value: string;
  name: string;
}

/**
 * An analyst's corrections to one event's companies and countries. Every form posts to one server
 * action; its answer (or the field error) shows below. Corrections are stored as manual tags, which
 * re-tagging never overwrites. The value inputs suggest from datalists the page renders once.
 */
export function TagEditor({ eventId, tags }: { eventId: number; tags: EditableTag[] }) {
  const [state, action, pending] = useActionState(correctTag, initial);
  const hidden = (kind: string, op: string) => (
    <>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="op" value={op} />
    </>
  );
  const errorId = `tag-error-${eventId}`;
  const error = state.fieldErrors.value?.[0] ?? state.fieldErrors.kind?.[0] ?? state.fieldErrors.eventId?.[0];
  return (
    <details className={styles.editor} data-testid="tag-editor">
      <summary>Correct tags</summary>
      <div className={styles.editorBody}>
        <ul aria-label="Current tags">
          {tags.map((t) => (
            <li key={`${t.kind}:${t.value}`}>
              <form action={action}>
                {hidden(t.kind, 'remove')}
                <input type="hidden" name="value" value={t.value} />
                <button type="submit" disabled={pending} aria-label={`Remove ${t.kind} ${t.name}`}>
                  Remove
                </button>{' '}
                {t.name}
              </form>
            </li>
          ))}
        </ul>
        <form action={action}>
          {hidden('company', 'add')}
          <label>
            Add company
            <input name="value" list="company-options" required maxLength={200} aria-describedby={errorId} autoComplete="off" />
          </label>{' '}
          <button type="submit" disabled={pending}>
            Add
          </button>
        </form>
        <form action={action}>
          {hidden('country', 'add')}
          <label>
            Add country
            <input name="value" list="country-options" required maxLength={2} size={4} aria-describedby={errorId} autoComplete="off" />
          </label>{' '}
          <button type="submit" disabled={pending}>
            Add
          </button>
        </form>
      </div>
      <p id={errorId} role="status" aria-live="polite" className={state.ok ? 'muted' : 'error-text'}>
        {error ? `${state.message} ${error}` : state.message}
      </p>
    </details>
  );
}

'use client';

import { useActionState } from 'react';
import { addFeedAction, importOpmlAction, type FeedFormState } from '../../lib/actions/feeds';

function Message({ state }: { state: FeedFormState }) {
  if (state.ok) return <p role="status" className="muted">{state.ok}</p>;
  if (state.error) return <p role="alert" className="error-text">{state.error}</p>;
  return null;
}

export function AddFeedForm() {
  const [state, action, pending] = useActionState(addFeedAction, {});
  return (
    <form action={action} className="filters" aria-label="Add a feed">
      <label>
        Feed URL
        <input name="url" type="url" required placeholder="https://example.org/feed.xml" size={40} aria-invalid={!!state.fieldErrors?.url} aria-describedby="add-feed-url-error" />
        <span id="add-feed-url-error" className="error-text">{state.fieldErrors?.url}</span>
      </label>
      <label>
        Title (optional)
        <input name="title" type="text" maxLength={200} />
        <span className="error-text">{state.fieldErrors?.title}</span>
      </label>
      <button type="submit" disabled={pending}>Add feed</button>
      <Message state={state} />
    </form>
  );
}

export function ImportOpmlForm() {
  const [state, action, pending] = useActionState(importOpmlAction, {});
  return (
    <form action={action} className="filters" aria-label="Import OPML">
      <label>
        OPML file
        <input name="file" type="file" accept=".opml,.xml,text/x-opml,text/xml,application/xml" required aria-describedby="import-opml-error" />
        <span id="import-opml-error" className="error-text">{state.fieldErrors?.file}</span>
      </label>
      <button type="submit" disabled={pending}>Import</button>
      <a href="/api/feeds.opml" download>Export as OPML</a>
      <Message state={state} />
    </form>
  );
}

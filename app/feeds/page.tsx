import { connection } from 'next/server';
import { Suspense } from 'react';
import { removeFeedAction, setFeedEnabledAction } from '../../lib/actions/feeds';
import { fetchFeedHealth } from '../../lib/data/feeds';
import { currentCaller } from '../../lib/auth/current-caller';
import { roleAllows } from '../../lib/auth/roles';
import { LocalTime } from '../components/local-time';
import { AddFeedForm, ImportOpmlForm } from './feed-forms';

export default async function FeedsPage() {
  await connection();
  // Only admins manage feeds; the actions refuse anyone else, so others are not shown the forms.
  const canManage = roleAllows((await currentCaller())!.user.role, 'admin');
  return (
    <>
      <h1>Feeds</h1>
      {canManage ? (
        <section className="panel" aria-labelledby="manage-feeds">
          <h2 id="manage-feeds">Add or import feeds</h2>
          <AddFeedForm />
          <ImportOpmlForm />
        </section>
      ) : (
        <p className="muted">
          Only admins add or remove feeds. <a href="/api/feeds.opml">Export the list as OPML</a>.
        </p>
      )}
      <section className="panel">
        <Suspense fallback={<div className="skeleton" style={{ height: 240 }} aria-busy="true" />}>
          <FeedTable canManage={canManage} />
        </Suspense>
      </section>
    </>
  );
}

const STATUS_TEXT: Record<string, string> = { ok: 'OK', 'not-modified': 'Not modified', error: 'Error' };

async function FeedTable({ canManage }: { canManage: boolean }) {
  const feeds = await fetchFeedHealth();
  if (feeds.length === 0) {
    return (
      <p className="muted">
        No feeds yet. Add one above (or with <code>npm run cli -- feeds add &lt;url&gt;</code>), import an OPML file,
        or load the sample archive with <code>npm run cli -- demo</code>.
      </p>
    );
  }
  return (
    <table data-testid="feeds-table">
      <thead>
        <tr>
          <th scope="col">Feed</th>
          <th scope="col">Status</th>
          <th scope="col">Last error</th>
          <th scope="col">Items</th>
          <th scope="col">Last fetched</th>
          <th scope="col">Next check</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {feeds.map((f) => (
          <tr key={f.id} data-feed-id={f.id}>
            <td>
              <div>{f.title ?? '(untitled feed)'}</div>
              <div className="url">{f.url}</div>
            </td>
            <td className={`status status-${f.lastStatus ?? 'never'}`}>
              {f.lastStatus ? STATUS_TEXT[f.lastStatus] : 'Never fetched'}
              {f.consecutiveFailures > 1 ? ` (${f.consecutiveFailures} in a row)` : ''}
              {!f.enabled ? ' · disabled' : ''}
            </td>
            <td className="error-text">{f.lastError ?? ''}</td>
            <td>{f.itemCount.toLocaleString('en-US')}</td>
            <td>
              <LocalTime iso={f.lastFetchedAt} />
            </td>
            <td>{f.kind === 'sample' ? <span className="muted">bundled sample (loaded by demo)</span> : f.enabled ? <LocalTime iso={f.nextCheckAt} /> : <span className="muted">paused</span>}</td>
            <td>{f.kind === 'remote' && canManage ? <FeedActions id={f.id} enabled={f.enabled} url={f.url} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Plain forms posting to server actions: they work before (and without) any client JavaScript. */
function FeedActions({ id, enabled, url }: { id: number; enabled: boolean; url: string }) {
  return (
    <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'flex-start' }}>
      <form action={setFeedEnabledAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enabled ? '0' : '1'} />
        <button type="submit" aria-label={`${enabled ? 'Pause' : 'Resume'} ${url}`}>{enabled ? 'Pause' : 'Resume'}</button>
      </form>
      <details>
        <summary>Remove…</summary>
        <form action={removeFeedAction}>
          <input type="hidden" name="id" value={id} />
          <p className="muted">Removes the feed and the items it brought in.</p>
          <button type="submit" aria-label={`Remove ${url} and its items`}>Remove for good</button>
        </form>
      </details>
    </div>
  );
}

import { connection } from 'next/server';
import { Suspense } from 'react';
import { fetchFeedHealth } from '../../lib/data/feeds';
import { LocalTime } from '../components/local-time';

export default async function FeedsPage() {
  await connection();
  return (
    <>
      <h1>Feeds</h1>
      <section className="panel">
        <Suspense fallback={<div className="skeleton" style={{ height: 240 }} aria-busy="true" />}>
          <FeedTable />
        </Suspense>
      </section>
    </>
  );
}

const STATUS_TEXT: Record<string, string> = { ok: 'OK', 'not-modified': 'Not modified', error: 'Error' };

async function FeedTable() {
  const feeds = await fetchFeedHealth();
  if (feeds.length === 0) {
    return (
      <p className="muted">
        No feeds yet. Add one with <code>npm run cli -- feeds add &lt;url&gt;</code>, import an OPML file with{' '}
        <code>feeds import</code>, or load the sample archive with <code>demo</code>.
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
            <td>{f.kind === 'sample' ? <span className="muted">bundled sample (loaded by demo)</span> : <LocalTime iso={f.nextCheckAt} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { connection } from 'next/server';
import { fetchUnsubscribeState } from '../../lib/data/unsubscribe';

/** Where the mail's "Unsubscribe" link leads: one button, no sign-in (the link's token is the authority). */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await connection();
  const { token } = await searchParams;
  const state = await fetchUnsubscribeState(typeof token === 'string' ? token : '');
  return (
    <section className="panel" aria-labelledby="unsubscribe">
      <h1 id="unsubscribe">Unsubscribe</h1>
      {state === null ? (
        <p role="alert">This unsubscribe link is not valid. It may have been copied incompletely.</p>
      ) : state.unsubscribed ? (
        <p role="status">
          {state.email} is unsubscribed: no further digests or alerts will be sent. To receive them again, subscribe at <a href="/digests">/digests</a>.
        </p>
      ) : (
        <form method="post" action="/api/unsubscribe">
          <input type="hidden" name="token" value={typeof token === 'string' ? token : ''} />
          <p>Stop all chipwatch digests and alerts to {state.email}?</p>
          <button type="submit" className="primary">
            Unsubscribe {state.email}
          </button>
        </form>
      )}
    </section>
  );
}

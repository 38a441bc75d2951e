import { connection } from 'next/server';
import { requeueDeliveryAction, setPausedAction, unsubscribeAction } from '../../lib/actions/digests';
import { currentCaller } from '../../lib/auth/current-caller';
import { roleAllows } from '../../lib/auth/roles';
import { fetchDigests } from '../../lib/data/digests';
import type { DeliveryView, SubscriptionView } from '../../lib/digest/subscription-view';
import { LocalTime } from '../components/local-time';
import { ReadOnlyNote } from '../components/read-only-note';
import { SubscriptionForm } from './subscription-form';

export default async function DigestsPage() {
  await connection();
  // Signed in: proxy.ts lets no anonymous request reach this page.
  const user = (await currentCaller())!.user;
  if (!roleAllows(user.role, 'analyst')) {
    return (
      <>
        <h1>Email digests</h1>
        <ReadOnlyNote role={user.role} what="analysts and admins subscribe to digests and alerts here" />
      </>
    );
  }
  // Admins see every subscription and whose it is; analysts only their own (fetchDigests).
  const isAdmin = user.role === 'admin';
  const data = await fetchDigests(user);
  return (
    <>
      <h1>Email digests</h1>
      <datalist id="digest-companies">
        {data.options.companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </datalist>
      <datalist id="time-zones">
        {data.options.timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <section className="panel" aria-labelledby="new-subscription">
        <h2 id="new-subscription">New subscription</h2>
        <p className="muted">
          A digest lists the period&apos;s events that match every filter you set (as the events explorer does), grouped by company, with each
          company&apos;s exposure. It goes out when the chosen hour has passed in the chosen time zone.
        </p>
        <SubscriptionForm options={data.options} label="New subscription" />
      </section>
      <section className="panel" aria-labelledby="subscriptions">
        <h2 id="subscriptions">{isAdmin ? 'Subscriptions' : 'Your subscriptions'}</h2>
        {isAdmin ? (
          <p className="muted">Every subscription, with the user who created it. Those with no owner came from the command line or belonged to a removed user: only admins change them.</p>
        ) : null}
        {data.subscriptions.length === 0 ? (
          <p className="empty">{isAdmin ? 'No subscriptions yet.' : 'You have no subscriptions yet.'}</p>
        ) : (
          <table data-testid="subscriptions">
            <thead>
              <tr>
                <th scope="col">Subscriber</th>
                <th scope="col">When</th>
                <th scope="col">Follows</th>
                <th scope="col">Last delivery</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.subscriptions.map((s) => (
                <SubscriptionRow key={s.id} s={s} options={data.options} showOwner={isAdmin} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function SubscriptionRow({ s, options, showOwner }: { s: SubscriptionView; options: Awaited<ReturnType<typeof fetchDigests>>['options']; showOwner: boolean }) {
  const follows = [
    s.companies.length ? s.companies.join(', ') : null,
    s.watchlist ? 'watchlist' : null,
    s.countries.length ? s.countries.join(', ') : null,
    s.region,
    s.types.length ? s.types.join(', ') : null,
    s.minSeverity !== null ? `severity ≥ ${s.minSeverity}` : null,
  ].filter(Boolean);
  return (
    <tr data-email={s.email}>
      <td>
        <div>{s.email}</div>
        {showOwner ? (
          <div className="muted" data-testid="owner">
            {s.owner ? `owner: ${s.owner}` : 'no owner'}
          </div>
        ) : null}
        <div className={`status status-${s.status === 'active' ? 'ok' : 'error'}`}>{s.status}</div>
      </td>
      <td>
        {s.cadence === 'weekly' ? `weekly, ${WEEKDAYS[s.weekday]}` : 'daily'} at {String(s.hour).padStart(2, '0')}:00 {s.tz}
        {s.nextSendAt ? (
          <div className="muted">
            next: <LocalTime iso={s.nextSendAt} />
          </div>
        ) : null}
      </td>
      <td>
        {follows.length ? follows.join('; ') : <span className="muted">all relevant events</span>}
        {s.alertRise !== null || s.alertSeverity !== null ? (
          <div className="muted">
            alerts: {[s.alertRise !== null ? `rise > ${s.alertRise}` : null, s.alertSeverity !== null ? `severity ≥ ${s.alertSeverity}` : null].filter(Boolean).join(', ')}
          </div>
        ) : null}
      </td>
      <td data-testid="last-delivery">
        {s.deliveries.length === 0 ? <span className="muted">nothing sent yet</span> : s.deliveries.map((d) => <Delivery key={d.id} d={d} />)}
      </td>
      <td>
        {s.status !== 'unsubscribed' ? (
          <>
            <a href={`/digests/${s.id}/preview`}>Preview next digest</a>
            <form action={setPausedAction}>
              <input type="hidden" name="id" value={s.id} />
              <input type="hidden" name="paused" value={s.status === 'paused' ? '0' : '1'} />
              <button type="submit" aria-label={`${s.status === 'paused' ? 'Resume' : 'Pause'} ${s.email}`}>
                {s.status === 'paused' ? 'Resume' : 'Pause'}
              </button>
            </form>
            <details>
              <summary>Edit</summary>
              <SubscriptionForm options={options} subscription={s} label={`Edit ${s.email}`} />
            </details>
            <form action={unsubscribeAction}>
              <input type="hidden" name="id" value={s.id} />
              <button type="submit" aria-label={`Unsubscribe ${s.email}`}>
                Unsubscribe
              </button>
            </form>
          </>
        ) : (
          <span className="muted">subscribe again with the form above</span>
        )}
      </td>
    </tr>
  );
}

const STATUS_TEXT: Record<string, string> = {
  sent: 'sent',
  empty: 'nothing new (not sent)',
  sending: 'sending',
  failed: 'failed',
  uncertain: 'interrupted: may not have been delivered',
};

function Delivery({ d }: { d: DeliveryView }) {
  return (
    <div className="delivery" data-status={d.status}>
      <span className={`status status-${d.status === 'sent' || d.status === 'empty' ? 'ok' : 'error'}`}>
        {d.kind} {d.key}: {STATUS_TEXT[d.status] ?? d.status}
      </span>{' '}
      {d.sentAt ? <LocalTime iso={d.sentAt} /> : null}
      {d.error ? <div className="error-text">{d.error}</div> : null}
      {d.status === 'failed' ? (
        <div className="muted">
          {d.attempts} attempt{d.attempts === 1 ? '' : 's'}; {d.nextAttemptAt ? <>next try <LocalTime iso={d.nextAttemptAt} /></> : 'gave up'}
        </div>
      ) : null}
      {d.status === 'uncertain' || (d.status === 'failed' && !d.nextAttemptAt) ? (
        <form action={requeueDeliveryAction}>
          <input type="hidden" name="delivery" value={d.id} />
          <button type="submit">Send again</button>
        </form>
      ) : null}
    </div>
  );
}

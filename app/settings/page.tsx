import { connection } from 'next/server';
import { getDb } from '../../db';
import { revokeApiTokenAction } from '../../lib/actions/api-tokens';
import { listApiTokens } from '../../lib/auth/api-tokens';
import { currentCaller } from '../../lib/auth/current-caller';
import { LocalTime } from '../components/local-time';
import { CreateTokenForm } from './token-forms';

export const metadata = { title: 'Settings · chipwatch' };

/** The signed-in user's account: read-only API tokens for integrations. */
export default async function SettingsPage() {
  await connection();
  const user = (await currentCaller())!.user;
  const tokens = listApiTokens(getDb(), user.id);
  return (
    <>
      <h1>Settings</h1>
      <p>
        Signed in as <strong>{user.email}</strong> ({user.role}).
      </p>
      <section className="panel" aria-labelledby="api-tokens">
        <h2 id="api-tokens">API tokens</h2>
        <p className="muted">
          Read-only: a token can call <code>GET /api/…</code> (events, exposure, feeds export) as you, sent as
          <code> Authorization: Bearer &lt;token&gt;</code>. It cannot change anything or open pages. Only a digest of it is stored.
        </p>
        <CreateTokenForm />
        {tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <table data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Revoke</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>
                    <LocalTime iso={t.createdAt.toISOString()} />
                  </td>
                  <td>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : <span className="muted">never</span>}</td>
                  <td>
                    <form action={revokeApiTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" aria-label={`Revoke ${t.name}`}>Revoke</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

import { connection } from 'next/server';
import { getDb } from '../../db';
import { listAudit } from '../../lib/auth/audit';
import { currentCaller } from '../../lib/auth/current-caller';
import { roleAllows } from '../../lib/auth/roles';
import { AdminsOnly } from '../components/admins-only';
import { LocalTime } from '../components/local-time';

export const metadata = { title: 'Audit log · chipwatch' };

/** Who changed feeds, tags, users, tokens and subscriptions, newest first. */
export default async function AuditPage() {
  await connection();
  const user = (await currentCaller())!.user;
  if (!roleAllows(user.role, 'admin')) return <AdminsOnly />;
  const entries = listAudit(getDb(), 500);
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">The latest 500 changes. `cli` marks changes made with the command line, `first-start` the account `npm start` created.</p>
      {entries.length === 0 ? (
        <p className="empty">Nothing has been changed yet.</p>
      ) : (
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <LocalTime iso={e.at.toISOString()} />
                </td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td className="url">{e.target}</td>
                <td>{e.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { connection } from 'next/server';
import { getDb } from '../../db';
import { currentCaller } from '../../lib/auth/current-caller';
import { ROLE_SUMMARY, ROLES, roleAllows } from '../../lib/auth/roles';
import { listUsers } from '../../lib/auth/users';
import { AdminsOnly } from '../components/admins-only';
import { LocalTime } from '../components/local-time';
import { AddUserForm, UserRowForms } from './user-forms';

export const metadata = { title: 'Users · chipwatch' };

export default async function UsersPage() {
  await connection();
  const user = (await currentCaller())!.user;
  if (!roleAllows(user.role, 'admin')) return <AdminsOnly />;
  const users = listUsers(getDb());
  return (
    <>
      <h1>Users</h1>
      <ul className="muted">
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{r}</strong>: {ROLE_SUMMARY[r]}
          </li>
        ))}
      </ul>
      <section className="panel">
        <AddUserForm />
      </section>
      <table data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>
                <LocalTime iso={u.createdAt.toISOString()} dateOnly />
              </td>
              <td>
                <UserRowForms id={u.id} email={u.email} role={u.role} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

'use client';

import { useActionState } from 'react';
import { addUserAction, removeUserAction, setUserRoleAction } from '../../lib/actions/users';
import { ROLES, type Role } from '../../db/schema';
import { FormMessage } from '../components/form-message';

export function AddUserForm() {
  const [state, action, pending] = useActionState(addUserAction, {});
  return (
    <form action={action} className="filters" aria-label="Add a user">
      <label>
        E-mail
        <input name="email" type="email" required maxLength={254} />
      </label>
      <label>
        Role
        <select name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>Add user</button>
      <FormMessage state={state} />
      {state.password ? (
        <p className="secret" data-testid="new-password">
          {state.password}
        </p>
      ) : null}
    </form>
  );
}

export function UserRowForms({ id, email, role }: { id: number; email: string; role: Role }) {
  const [roleState, roleAction] = useActionState(setUserRoleAction, {});
  const [removeState, removeAction] = useActionState(removeUserAction, {});
  return (
    <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <form action={roleAction}>
        <input type="hidden" name="id" value={id} />
        <select name="role" defaultValue={role} aria-label={`Role of ${email}`}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <button type="submit">Change role</button>
        <FormMessage state={roleState} />
      </form>
      <details>
        <summary>Remove…</summary>
        <form action={removeAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" aria-label={`Remove ${email}`}>Remove account</button>
          <FormMessage state={removeState} />
        </form>
      </details>
    </div>
  );
}

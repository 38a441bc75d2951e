'use client';

import { useActionState } from 'react';
import { createApiTokenAction } from '../../lib/actions/api-tokens';
import { FormMessage } from '../components/form-message';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createApiTokenAction, {});
  return (
    <form action={action} className="filters" aria-label="Create an API token">
      <label>
        Token name
        <input name="name" type="text" required maxLength={100} placeholder="e.g. procurement dashboard" />
      </label>
      <button type="submit" disabled={pending}>Create token</button>
      <FormMessage state={state} />
      {state.token ? (
        <p className="secret" data-testid="new-token">
          {state.token}
        </p>
      ) : null}
    </form>
  );
}

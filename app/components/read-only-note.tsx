import type { Role } from '../../lib/auth/roles';

/** In place of forms a viewer could only submit to be refused (the server actions check the role regardless). */
export function ReadOnlyNote({ role, what }: { role: Role; what: string }) {
  return (
    <p className="muted" data-testid="read-only-note">
      Your role ({role}) is read-only: {what}.
    </p>
  );
}

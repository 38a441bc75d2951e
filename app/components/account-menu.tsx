import Link from 'next/link';
import type { User } from '../../lib/auth/users';

/** The signed-in user, their settings and sign-out (a plain form post: works without scripts). */
export function AccountMenu({ user }: { user: User }) {
  return (
    <div className="account">
      <span data-testid="signed-in-as">
        {user.email} ({user.role})
      </span>
      <Link href="/settings">Settings</Link>
      <form method="post" action="/api/auth/logout">
        <button type="submit">Sign out</button>
      </form>
    </div>
  );
}

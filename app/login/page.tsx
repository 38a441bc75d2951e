import { connection } from 'next/server';
import { safeNextPath } from '../../lib/auth/safe-next';
import { SIGN_IN_MESSAGES } from '../../lib/auth/sign-in';

export const metadata = { title: 'Sign in · chipwatch' };

/** A plain form posting to /api/auth/login, so signing in works before any script has loaded. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const error = params.error === 'invalid' || params.error === 'rate-limited' ? SIGN_IN_MESSAGES[params.error] : null;
  return (
    <section className="login">
      <h1>Sign in</h1>
      <form method="post" action="/api/auth/login" aria-label="Sign in" className="login-form">
        <input type="hidden" name="next" value={safeNextPath(params.next)} />
        <label>
          E-mail
          <input type="email" name="email" autoComplete="username" required maxLength={254} />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" required maxLength={1024} />
        </label>
        {error ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
      <p className="muted">Accounts are created by an admin on the Users page, or with `npm run cli -- users add`.</p>
    </section>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentCaller } from '../lib/auth/current-caller';
import { roleAllows } from '../lib/auth/roles';
import { AccountMenu } from './components/account-menu';
import './globals.css';

export const metadata: Metadata = {
  title: 'chipwatch',
  description: 'Supply-chain risk monitor for semiconductor trade policy',
};

// Every page is rendered per request: the CSP nonce (proxy.ts) and the signed-in user differ each time.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = (await currentCaller())?.user;
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            chipwatch
          </Link>
          {user ? (
            <>
              <nav aria-label="Main">
                <Link href="/">Overview</Link>
                <Link href="/events">Events</Link>
                <Link href="/companies">Companies</Link>
                <Link href="/watchlist">Watchlist</Link>
                <Link href="/feeds">Feeds</Link>
                <Link href="/digests">Digests</Link>
                <Link href="/status">Status</Link>
                {roleAllows(user.role, 'admin') ? (
                  <>
                    <Link href="/users">Users</Link>
                    <Link href="/audit">Audit log</Link>
                  </>
                ) : null}
              </nav>
              <AccountMenu user={user} />
            </>
          ) : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

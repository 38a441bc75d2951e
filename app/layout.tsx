import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'chipwatch',
  description: 'Supply-chain risk monitor for semiconductor trade policy',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            chipwatch
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/events">Events</Link>
            <Link href="/companies">Companies</Link>
            <Link href="/watchlist">Watchlist</Link>
            <Link href="/feeds">Feeds</Link>
            <Link href="/digests">Digests</Link>
            <Link href="/status">Status</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

import Link from 'next/link';
import type { CompanyProfile } from '../../../lib/queries/places';

/** Where the company is: the presence the country route of the score uses. */
export function Profile({ profile }: { profile: CompanyProfile }) {
  const place = (p: { code: string; name: string }) => (
    <Link prefetch={false} key={p.code} href={`/countries/${p.code}`}>
      {p.name}
    </Link>
  );
  return (
    <dl>
      <dt>Segment</dt>
      <dd>{profile.segment}</dd>
      <dt>Headquarters</dt>
      <dd>{place(profile.hq)}</dd>
      <dt>Sites</dt>
      <dd>{profile.sites.length ? join(profile.sites.map(place)) : <span className="muted">none listed</span>}</dd>
      <dt>Sales by country</dt>
      <dd>
        {profile.salesShares.length ? (
          <>
            {join(
              profile.salesShares.map((s) => (
                <span key={s.code}>
                  {place(s)} {Math.round(s.share * 100)}%
                </span>
              )),
            )}
            {profile.salesSource ? <div className="note">Source: {profile.salesSource}</div> : null}
          </>
        ) : (
          <span className="muted">not listed in data/companies.json</span>
        )}
      </dd>
      <dt>Also known as</dt>
      <dd>{profile.aliases.join(', ')}</dd>
    </dl>
  );
}

function join(parts: React.ReactNode[]): React.ReactNode[] {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [', ', p]));
}

import Link from 'next/link';
import { fetchExposedCompanies } from '../../lib/data/places';
import { LocalDate } from './local-date';

const PRESENCE_TEXT = { headquarters: 'headquarters', site: 'site', sales: 'sales' } as const;

/** Companies an event here reaches through the country route, with how they are present and their score. */
export async function ExposedCompaniesTable({ countries, day, showCountry }: { countries: string[]; day: string; showCountry: boolean }) {
  const companies = await fetchExposedCompanies(countries, day);
  if (companies.length === 0) {
    return <p className="empty">No company in data/companies.json has its headquarters, a site or listed sales here, so events here reach none through the country.</p>;
  }
  return (
    <>
      <p className="note" style={{ marginTop: 0 }}>
        Companies with headquarters, a site or a listed share of sales here. Score: each company’s overall exposure on <LocalDate day={day} />, from every route.
      </p>
      <table data-testid="exposed-companies">
        <thead>
          <tr>
            <th scope="col">Company</th>
            <th scope="col">Presence</th>
            <th scope="col" className="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {companies.map((c) => (
            <tr key={c.id}>
              <td>
                <Link prefetch={false} href={`/companies/${c.id}`}>{c.name}</Link> <span className="muted">{c.segment}</span>
              </td>
              <td>
                {c.presences.map((p) => (
                  <span key={p.country} className="tag">
                    {showCountry ? `${p.country}: ` : ''}
                    {PRESENCE_TEXT[p.presence]}
                    {p.share !== null ? ` ${Math.round(p.share * 100)}%` : ''}
                  </span>
                ))}
              </td>
              <td className="num">{c.score.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { fetchCompanyList } from '../../lib/data/companies';
import { hrefWith, pageParam, param, type SearchParams } from '../../lib/data/search-params';
import { CHANGE_DAYS, COMPANY_SORTS, DEFAULT_DIRECTION, SPARKLINE_DAYS, type CompanySort, type SortDirection } from '../../lib/queries/company-list';
import { LocalDate } from '../components/local-date';
import { Pager } from '../components/pager';
import { ScoreChange } from '../components/score-change';
import { Sparkline } from '../components/sparkline';

const PAGE_SIZE = 50;
const SORT_LABELS: Record<CompanySort, string> = { score: 'Score', change: `${CHANGE_DAYS}-day change`, name: 'Name', segment: 'Segment' };

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const sp = await searchParams;
  const q = (param(sp, 'q') ?? '').slice(0, 100);
  const sortParam = param(sp, 'sort');
  const sort: CompanySort = COMPANY_SORTS.includes(sortParam as CompanySort) ? (sortParam as CompanySort) : 'score';
  const dirParam = param(sp, 'dir');
  const dir: SortDirection = dirParam === 'asc' || dirParam === 'desc' ? dirParam : DEFAULT_DIRECTION[sort];
  const page = pageParam(sp);
  return (
    <>
      <h1>Companies</h1>
      <form className="filters" method="get" action="/companies" role="search" aria-label="Search companies">
        <label>
          Name or alias
          <input type="search" name="q" defaultValue={q} placeholder="e.g. Micron, 美光, ASML" />
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={sort}>
            {COMPANY_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select name="dir" defaultValue={dir}>
            <option value="desc">Highest / Z first</option>
            <option value="asc">Lowest / A first</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      {/* A full page of rows is 44 px each plus the header: the skeleton takes the room a full table takes,
          and nothing sits below the table that a shorter result could move. */}
      <Suspense fallback={<div className="skeleton" style={{ height: `calc(${PAGE_SIZE} * 44px + 5rem)` }} aria-busy="true" aria-label="Loading companies" />}>
        <CompanyTable q={q} sort={sort} dir={dir} page={page} />
      </Suspense>
    </>
  );
}

async function CompanyTable({ q, sort, dir, page }: { q: string; sort: CompanySort; dir: SortDirection; page: number }) {
  const list = await fetchCompanyList({ q, sort, dir, page, pageSize: PAGE_SIZE });
  const keep = { q, sort: sort === 'score' ? undefined : sort, dir: dir === DEFAULT_DIRECTION[sort] ? undefined : dir };
  if (list.total === 0) {
    return (
      <p className="empty">
        No company matches “{q}”. Try a shorter part of the name, an alias such as a ticker, or <Link prefetch={false} href="/companies">clear the search</Link>.
      </p>
    );
  }
  const sortHref = (s: CompanySort) => hrefWith('/companies', { q }, { sort: s, dir: s === sort && dir === DEFAULT_DIRECTION[s] ? (dir === 'asc' ? 'desc' : 'asc') : undefined });
  const header = (s: CompanySort, className?: string) => (
    <th scope="col" className={className} aria-sort={s === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link prefetch={false} href={sortHref(s)}>
        {SORT_LABELS[s]}
        {s === sort ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}
      </Link>
    </th>
  );
  return (
    <>
      <p className="note" style={{ marginBottom: '0.5rem' }}>
        {list.total} {list.total === 1 ? 'company' : 'companies'}. Scores (0–100) on <LocalDate day={list.day} />; the change is the score then minus the score {CHANGE_DAYS} days
        earlier, in points (▲ more exposed, ▼ less).
      </p>
      <table className="company-table" data-testid="company-table">
        <thead>
          <tr>
            {header('name')}
            {header('segment')}
            <th scope="col">HQ</th>
            {header('score', 'num')}
            {header('change', 'num')}
            <th scope="col">Last {SPARKLINE_DAYS} days</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((c) => (
            <tr key={c.id} data-company-id={c.id}>
              <td>
                <Link prefetch={false} href={`/companies/${c.id}`}>{c.name}</Link>
              </td>
              <td>{c.segment}</td>
              <td>
                <Link prefetch={false} href={`/countries/${c.hq}`}>{c.hq}</Link>
              </td>
              <td className="num" data-testid="score">
                {c.score.toFixed(1)}
              </td>
              <td className="num" data-testid="change">
                <ScoreChange value={c.change} />
              </td>
              <td>
                <Sparkline values={c.sparkline} label={`Score over the last ${SPARKLINE_DAYS} days, from ${(c.sparkline[0] ?? 0).toFixed(1)} to ${c.score.toFixed(1)}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={list.page} hasMore={list.page < list.pageCount} href={(p) => hrefWith('/companies', keep, { page: p === 1 ? undefined : p })} />
    </>
  );
}

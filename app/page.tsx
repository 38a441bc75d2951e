import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import {
  fetchExposureLines,
  fetchItemsPerMonth,
  fetchMonthlyCounts,
  fetchOverviewScope,
  fetchPressureNow,
  fetchSevereEvents,
  fetchTopCompanies,
  fetchTotals,
} from '../lib/data/overview';
import { ExposureLinesChart } from './components/exposure-lines-chart';
import { ItemsPerMonthChart } from './components/items-per-month-chart';
import { LocalDate } from './components/local-date';
import { MonthlyStackedChart } from './components/monthly-stacked-chart';
import { ScoreChange } from './components/score-change';
import { Sparkline } from './components/sparkline';
import { Widget } from './components/widget';
import { WorldMap } from './components/world-map';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Read the database on every request: the dashboard is never prerendered at build time.
  await connection();
  const view = (await searchParams).view;
  const scope = await fetchOverviewScope(typeof view === 'string' ? view : undefined);
  const who = scope.watchlist ? 'your watchlist' : 'all companies';
  return (
    <>
      <h1>Overview</h1>
      <nav aria-label="Overview scope" className="filters">
        <span className="muted">Showing {who}:</span>
        {scope.watchlist ? <Link href="/">show all companies</Link> : <Link href="/?view=watchlist">show my watchlist</Link>}
        {scope.emptyWatchlist ? (
          <span role="status">
            Your watchlist is empty: <Link href="/watchlist">add your suppliers</Link>.
          </span>
        ) : null}
      </nav>
      <Suspense fallback={<div className="cards skeleton" style={{ height: 104 }} aria-busy="true" />}>
        <Totals />
      </Suspense>
      <div className="grid-2">
        <section className="panel" aria-labelledby="most-exposed">
          <h2 id="most-exposed">{scope.watchlist ? 'My suppliers by exposure' : 'Most exposed now'}</h2>
          <Widget height="360px" label="most exposed companies" testId="most-exposed">
            <TopCompanies ids={scope.ids} />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="exposure-lines-title">
          <h2 id="exposure-lines-title">Exposure over the last year{scope.watchlist ? '' : ': top five'}</h2>
          <Widget height="360px" label="exposure over time">
            <ExposureLines ids={scope.ids} />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="severe-events">
        <h2 id="severe-events">Latest high-severity events</h2>
        <Widget height="320px" label="latest high-severity events" testId="severe-events">
          <SevereEvents ids={scope.ids} />
        </Widget>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="by-type">
          <h2 id="by-type">Events per month by type</h2>
          <Widget height="340px" label="events by type">
            <MonthlyCounts by="type" ids={scope.ids} />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="by-region">
          <h2 id="by-region">Events per month by region</h2>
          <Widget height="340px" label="events by region">
            <MonthlyCounts by="region" ids={scope.ids} />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="pressure-map">
        <h2 id="pressure-map">Policy pressure by country</h2>
        <Widget height="560px" label="policy pressure map" testId="pressure-map">
          <PressureMap />
        </Widget>
      </section>
      <section className="panel">
        <h2>Items collected per month</h2>
        <Suspense fallback={<div className="chart-box skeleton" aria-busy="true" />}>
          <ItemsPerMonth />
        </Suspense>
      </section>
    </>
  );
}

async function Totals() {
  const totals = await fetchTotals();
  const cards = [
    { label: 'Feeds', value: totals.feeds, testId: 'count-feeds', note: totals.feedsFailing ? `${totals.feedsFailing} failing` : 'all healthy' },
    { label: 'Items', value: totals.items, testId: 'count-items', note: 'collected from all feeds' },
    { label: 'Events', value: totals.events, testId: 'count-events', note: 'relevant items' },
  ];
  return (
    <div className="cards">
      {cards.map((c) => (
        <div className="card" key={c.label}>
          <div className="value" data-testid={c.testId}>
            {c.value.toLocaleString('en-US')}
          </div>
          <div className="label">
            {c.label} · {c.note}
          </div>
        </div>
      ))}
    </div>
  );
}

async function TopCompanies({ ids }: { ids?: string[] }) {
  const list = await fetchTopCompanies(ids);
  if (list.rows.every((r) => r.score === 0)) {
    return <p className="empty">No exposure yet: scores appear once relevant events are collected (try <code>npm run cli -- demo</code>).</p>;
  }
  return (
    <table>
      <caption className="sr-only">Scores on <LocalDate day={list.day} /></caption>
      <thead>
        <tr>
          <th scope="col">Company</th>
          <th scope="col" className="num">Score</th>
          <th scope="col" className="num">30 days</th>
          <th scope="col">Last 90 days</th>
        </tr>
      </thead>
      <tbody>
        {list.rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/companies/${r.id}`}>{r.name}</Link>
            </td>
            <td className="num">{r.score.toFixed(1)}</td>
            <td className="num">
              <ScoreChange value={r.change} />
            </td>
            <td>
              <Sparkline values={r.sparkline} label={`${r.name}, last 90 days`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function ExposureLines({ ids }: { ids?: string[] }) {
  const { series, data } = await fetchExposureLines(ids);
  if (series.length === 0) return <p className="empty">No exposure to chart yet.</p>;
  return <ExposureLinesChart data={data} series={series} />;
}

async function SevereEvents({ ids }: { ids?: string[] }) {
  const events = await fetchSevereEvents(ids);
  if (events.length === 0) return <p className="empty">No event of severity 0.7 or more yet. The <Link href="/events">events explorer</Link> lists everything collected.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Event</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">Severity</th>
          <th scope="col">Companies and countries</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <LocalDate day={e.date} />
            </td>
            <td>
              {e.url ? (
                <a href={e.url} rel="noopener noreferrer">
                  {e.title}
                </a>
              ) : (
                e.title
              )}
              {e.sources > 1 ? <span className="muted"> · {e.sources} sources</span> : null}
            </td>
            <td>{e.eventType}</td>
            <td className="num">{e.severity.toFixed(2)}</td>
            <td>
              {e.companies.map((c) => (
                <Link key={c.id} href={`/companies/${c.id}`} className="tag">
                  {c.name}
                </Link>
              ))}
              {e.countries.map((c) => (
                <Link key={c} href={`/countries/${c}`} className="tag">
                  {c}
                </Link>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function MonthlyCounts({ by, ids }: { by: 'type' | 'region'; ids?: string[] }) {
  const counts = await fetchMonthlyCounts(by, ids);
  if (counts.series.length === 0) return <p className="empty">No events in the last 24 months.</p>;
  return <MonthlyStackedChart id={`by-${by}`} months={counts.months} series={counts.series} label={`Events per month by ${by}, last 24 months`} />;
}

async function PressureMap() {
  const { day, values } = await fetchPressureNow();
  const { EU, ...countries } = values;
  return <WorldMap values={countries} eu={EU} max={100} caption={`Policy-pressure index (0–100) on ${day}. Select a country for its events and the companies exposed there.`} />;
}

async function ItemsPerMonth() {
  const data = await fetchItemsPerMonth();
  if (data.length === 0) {
    return (
      <p className="muted">
        No items yet. Load the bundled sample with <code>npm run cli -- demo</code> or add a feed on the <a href="/feeds">feeds page</a>.
      </p>
    );
  }
  return <ItemsPerMonthChart data={data} />;
}

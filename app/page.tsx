import { connection } from 'next/server';
import { Suspense } from 'react';
import { fetchItemsPerMonth, fetchTotals } from '../lib/data/overview';
import { ItemsPerMonthChart } from './components/items-per-month-chart';

export default async function OverviewPage() {
  // Read the database on every request: the dashboard is never prerendered at build time.
  await connection();
  return (
    <>
      <h1>Overview</h1>
      <Suspense fallback={<div className="cards skeleton" style={{ height: 104 }} aria-busy="true" />}>
        <Totals />
      </Suspense>
      <section className="panel">
        <h2>Items per month</h2>
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

async function ItemsPerMonth() {
  const data = await fetchItemsPerMonth();
  if (data.length === 0) {
    return (
      <p className="muted">
        No items yet. Load the bundled sample with <code>npm run cli -- demo</code> or add a feed on the{' '}
        <a href="/feeds">feeds page</a>.
      </p>
    );
  }
  return <ItemsPerMonthChart data={data} />;
}

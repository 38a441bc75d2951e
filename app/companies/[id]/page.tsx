import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { fetchCompanyProfile } from '../../../lib/data/companies';
import { readRange } from '../../../lib/data/ranges';
import { pageParam, param, type SearchParams } from '../../../lib/data/search-params';
import { RangeForm } from '../../components/range-form';
import { Widget } from '../../components/widget';
import { BreakdownTable } from './breakdown-table';
import { ChangesTable } from './changes-table';
import { EventsTable } from './events-table';
import { ExposureOverTime } from './exposure-over-time';
import { LedgerTable } from './ledger-table';
import { Profile } from './profile';
import { ScoreCards } from './score-cards';
import { SupportTable } from './support-table';

export default async function CompanyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const { id } = await params;
  const profile = await fetchCompanyProfile(id);
  if (!profile) notFound();
  const sp = await searchParams;
  const { range, error } = await readRange({ from: param(sp, 'from'), to: param(sp, 'to') });
  const page = pageParam(sp);
  return (
    <>
      <h1>{profile.name}</h1>
      <RangeForm action={`/companies/${profile.id}`} from={range.from} to={range.to} error={error} />
      <div className="grid-2">
        <section className="panel profile" aria-labelledby="profile-h">
          <h2 id="profile-h">Profile</h2>
          <Widget height="12rem" label="profile">
            <Profile profile={profile} />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="now-h">
          <h2 id="now-h">Score on the ledger day</h2>
          <Widget height="12rem" label="score">
            <ScoreCards companyId={profile.id} range={range} />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="chart-h">
        <h2 id="chart-h">Exposure over time</h2>
        <Widget height="34rem" label="exposure chart">
          <ExposureOverTime companyId={profile.id} range={range} />
        </Widget>
      </section>
      <section className="panel" aria-labelledby="why-h">
        <h2 id="why-h">Why this score</h2>
        <Widget height="36rem" label="ledger" testId="ledger">
          <LedgerTable companyId={profile.id} range={range} />
        </Widget>
      </section>
      <section className="panel" aria-labelledby="changes-h">
        <h2 id="changes-h">Biggest changes in the last 30 days</h2>
        <Widget height="26rem" label="changes">
          <ChangesTable companyId={profile.id} to={range.to} />
        </Widget>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="country-h">
          <h2 id="country-h">Exposure by country</h2>
          <Widget height="22rem" label="exposure by country">
            <BreakdownTable companyId={profile.id} range={range} by="country" />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="type-h">
          <h2 id="type-h">Exposure by event type</h2>
          <Widget height="22rem" label="exposure by event type">
            <BreakdownTable companyId={profile.id} range={range} by="type" />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="support-h">
        <h2 id="support-h">Support (investment), beside the score</h2>
        <Widget height="20rem" label="support">
          <SupportTable companyId={profile.id} range={range} />
        </Widget>
      </section>
      <section className="panel" aria-labelledby="events-h">
        <h2 id="events-h">{profile.name}’s events</h2>
        <Widget height="36rem" label="events">
          <EventsTable companyId={profile.id} range={range} page={page} />
        </Widget>
      </section>
    </>
  );
}

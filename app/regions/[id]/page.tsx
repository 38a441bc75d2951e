import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { fetchRegionInfo } from '../../../lib/data/places';
import { readRange } from '../../../lib/data/ranges';
import { pageParam, param, type SearchParams } from '../../../lib/data/search-params';
import { ExposedCompaniesTable } from '../../components/exposed-companies-table';
import { PlaceEventsTable } from '../../components/place-events-table';
import { PlaceMap } from '../../components/place-map';
import { PressureOverTime } from '../../components/pressure-over-time';
import { RangeForm } from '../../components/range-form';
import { Widget } from '../../components/widget';

export default async function RegionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const { id } = await params;
  const region = await fetchRegionInfo(id);
  if (!region) notFound();
  const sp = await searchParams;
  const { range, error } = await readRange({ from: param(sp, 'from'), to: param(sp, 'to') });
  const codes = region.countries.map((c) => c.code);
  const path = `/regions/${region.id}`;
  return (
    <>
      <h1>{region.name}</h1>
      <p className="note" style={{ marginTop: 0 }}>
        Countries:{' '}
        {region.countries.map((c) => (
          <Link prefetch={false} key={c.code} className="tag" href={`/countries/${c.code}`} title={c.name}>
            {c.code}
          </Link>
        ))}
      </p>
      <RangeForm action={path} from={range.from} to={range.to} error={error} />
      <section className="panel" aria-labelledby="pressure-h">
        <h2 id="pressure-h">Policy pressure over time</h2>
        <Widget height="28rem" label="pressure chart">
          <PressureOverTime place={{ kind: 'region', countries: codes }} range={range} />
        </Widget>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="companies-h">
          <h2 id="companies-h">Companies exposed through {region.name}</h2>
          <Widget height="28rem" label="exposed companies">
            <ExposedCompaniesTable countries={codes} day={range.to} showCountry />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="map-h">
          <h2 id="map-h">Pressure in its countries</h2>
          <Widget height="28rem" label="map">
            <PlaceMap day={range.to} countries={codes} caption={`Policy pressure index (0–100) of ${region.name}’s countries on ${range.to}; countries outside it show as no data.`} />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="events-h">
        <h2 id="events-h">Events naming its countries</h2>
        <Widget height="36rem" label="events">
          <PlaceEventsTable countries={codes} range={range} page={pageParam(sp)} path={path} showCountries />
        </Widget>
      </section>
    </>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { fetchCountryInfo, fetchRegionsOf } from '../../../lib/data/places';
import { readRange } from '../../../lib/data/ranges';
import { pageParam, param, type SearchParams } from '../../../lib/data/search-params';
import { ExposedCompaniesTable } from '../../components/exposed-companies-table';
import { PlaceEventsTable } from '../../components/place-events-table';
import { PlaceMap } from '../../components/place-map';
import { PressureOverTime } from '../../components/pressure-over-time';
import { RangeForm } from '../../components/range-form';
import { Widget } from '../../components/widget';

export default async function CountryPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const { code } = await params;
  const country = await fetchCountryInfo(code.toUpperCase());
  if (!country) notFound();
  const sp = await searchParams;
  const { range, error } = await readRange({ from: param(sp, 'from'), to: param(sp, 'to') });
  const regions = await fetchRegionsOf(country.code);
  const path = `/countries/${country.code}`;
  return (
    <>
      <h1>
        {country.name} <span className="muted">({country.code})</span>
      </h1>
      {regions.length ? (
        <p className="note" style={{ marginTop: 0 }}>
          Part of:{' '}
          {regions.map((r) => (
            <Link prefetch={false} key={r.id} className="tag" href={`/regions/${r.id}`}>
              {r.name}
            </Link>
          ))}
        </p>
      ) : null}
      <RangeForm action={path} from={range.from} to={range.to} error={error} />
      <section className="panel" aria-labelledby="pressure-h">
        <h2 id="pressure-h">Policy pressure over time</h2>
        <Widget height="28rem" label="pressure chart">
          <PressureOverTime place={{ kind: 'country', code: country.code }} range={range} />
        </Widget>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="companies-h">
          <h2 id="companies-h">Companies exposed through {country.name}</h2>
          <Widget height="28rem" label="exposed companies">
            <ExposedCompaniesTable countries={[country.code]} day={range.to} showCountry={false} />
          </Widget>
        </section>
        <section className="panel" aria-labelledby="map-h">
          <h2 id="map-h">Pressure around the world</h2>
          <Widget height="28rem" label="map">
            <PlaceMap day={range.to} caption={`Policy pressure index (0–100) of every country on ${range.to}, for comparison with ${country.name}.`} />
          </Widget>
        </section>
      </div>
      <section className="panel" aria-labelledby="events-h">
        <h2 id="events-h">Events naming {country.name}</h2>
        <Widget height="36rem" label="events">
          <PlaceEventsTable countries={[country.code]} range={range} page={pageParam(sp)} path={path} showCountries={false} />
        </Widget>
      </section>
    </>
  );
}

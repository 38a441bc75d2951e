import { fetchChartMarkers, fetchCompanyExposure } from '../../../lib/data/companies';
import type { DateRange } from '../../../lib/queries/date-range';
import { ExposureChart, type ExposureMarker } from '../../components/exposure-chart';
import { LocalDate } from '../../components/local-date';

/** The score over the range with the events that moved it most, numbered on the chart and listed below it. */
export async function ExposureOverTime({ companyId, range }: { companyId: string; range: DateRange }) {
  const [exposure, events] = await Promise.all([fetchCompanyExposure(companyId, range.from, range.to), fetchChartMarkers(companyId, range)]);
  // Events of the same day share one marker, so numbers never sit on top of each other.
  const numberOf = new Map<string, number>();
  for (const e of events) if (!numberOf.has(e.date)) numberOf.set(e.date, numberOf.size + 1);
  const markers: ExposureMarker[] = [...numberOf].map(([date, n]) => ({ n, date, score: events.find((e) => e.date === date)!.score }));
  const series = exposure.series.map(({ date, score, support }) => ({ date, score, support }));
  return (
    <>
      <ExposureChart data={series} markers={markers} />
      {events.length ? (
        <>
          <p className="note">Marked: the events that added most to the score on the day they appeared (points added that day).</p>
          <ol className="markers" data-testid="chart-markers">
            {events.map((e) => (
              <li key={e.eventId} value={numberOf.get(e.date)}>
                <LocalDate day={e.date} /> · <span className="tag">{e.eventType}</span> {e.title} <span className="num">(+{e.jump.toFixed(1)})</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="note">No risk event reached {exposure.company.name} in this range.</p>
      )}
    </>
  );
}

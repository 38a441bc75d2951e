import { dayString } from './days';
import { decayFactor, eventWeight, type ExposureEvent } from './model';

/** Days before the ledger day that the "biggest changes" window starts, and the length of the pages' default range. */
export const CHANGE_WINDOW_DAYS = 30;
export const MARKER_RANGE_DAYS = 365;

/**
 * The events a day's company snapshots need, with everything about them that does not depend on
 * the company worked out once: their own weight (type × severity × confidence), their decay on
 * the ledger day and on the first day of the changes window, and which set of (type, countries)
 * they belong to, since an event that does not name a company reaches it, or not, by that alone.
 */
export interface SnapshotEvents {
  day: number;
  /** Every event counting on the ledger day or the window's first day, or dated in the chart's default range; by day, then id. */
  events: ExposureEvent[];
  /** Each event's day as YYYY-MM-DD (made once: formatting dates was most of a snapshot's cost). */
  date: string[];
  weight: Float64Array;
  decayEnd: Float64Array;
  decayStart: Float64Array;
  /** The days of the chart's default range, YYYY-MM-DD, oldest first. */
  markerDates: string[];
  /** Days since the first day of the chart's default range, or −1 before it. */
  markerDay: Int32Array;
  support: Uint8Array;
  /** Per event, the index in `sets` of a stand-in with its type and countries and no names. */
  setOf: Int32Array;
  sets: ExposureEvent[];
  /** Company id → indexes of the events naming it. */
  naming: Map<string, number[]>;
  /** Working arrays of company-snapshot.ts, sized to `events`. */
  scratch?: { numbers: Float64Array[]; flags: Uint8Array[] };
}

/** `all` must hold every event from the longest horizon before the window to the ledger day, by day then id. */
export function snapshotEvents(all: readonly ExposureEvent[], day: number): SnapshotEvents {
  const start = day - CHANGE_WINDOW_DAYS;
  const first = day - (MARKER_RANGE_DAYS - 1);
  const events = all.filter((e) => e.day <= day && (e.day >= first || decayFactor(e.eventType, day - e.day) > 0 || decayFactor(e.eventType, start - e.day) > 0));
  const n = events.length;
  const out: SnapshotEvents = {
    day,
    events,
    date: events.map((e) => dayString(e.day)),
    markerDates: Array.from({ length: MARKER_RANGE_DAYS }, (_, d) => dayString(first + d)),
    weight: new Float64Array(n),
    decayEnd: new Float64Array(n),
    decayStart: new Float64Array(n),
    markerDay: new Int32Array(n),
    support: new Uint8Array(n),
    setOf: new Int32Array(n),
    sets: [],
    naming: new Map(),
  };
  const setIndex = new Map<string, number>();
  const noNames = new Map<string, 'title' | 'body'>();
  events.forEach((e, i) => {
    out.weight[i] = eventWeight(e).weight;
    out.decayEnd[i] = decayFactor(e.eventType, day - e.day);
    out.decayStart[i] = decayFactor(e.eventType, start - e.day);
    out.markerDay[i] = e.day >= first ? e.day - first : -1;
    out.support[i] = e.eventType === 'investment' ? 1 : 0;
    // The countries keep their stored order: routeOf keeps the first of equally strong presences.
    const key = `${e.eventType} ${e.countries.join(' ')}`;
    let set = setIndex.get(key);
    if (set === undefined) {
      setIndex.set(key, (set = out.sets.length));
      out.sets.push({ ...e, companies: noNames });
    }
    out.setOf[i] = set;
    for (const id of e.companies.keys()) {
      const list = out.naming.get(id);
      if (list) list.push(i);
      else out.naming.set(id, [i]);
    }
  });
  return out;
}

import { NO_COUNTRY, type BreakdownPart } from './breakdown';
import type { ChangeRow } from './changes';
import { dayString } from './days';
import { CHANGES_TOP_ROWS, CHART_MARKERS, LEDGER_TOP_ROWS, type RowsRest } from './ledger-cap';
import { ledgerFor, type LedgerRow } from './ledger';
import type { ChartMarker } from './markers';
import { routeOf, saturate, type CompanyPresence, type Route } from './model';
import { COMPANY_SCALE } from './parameters';
import { CHANGE_WINDOW_DAYS, MARKER_RANGE_DAYS, type SnapshotEvents } from './snapshot-events';
import { topK } from './top-k';

export interface CappedLedger {
  score: number;
  raw: number;
  /** Rows in the whole ledger. */
  total: number;
  rows: LedgerRow[];
  rest: RowsRest | null;
}

/** What the company page and /api/exposure show for the ledger day, as the exposure job stores it. */
export interface CompanySnapshot {
  companyId: string;
  day: string;
  risk: CappedLedger;
  support: CappedLedger;
  breakdown: { byCountry: BreakdownPart[]; byType: BreakdownPart[] };
  changes: { from: string; scoreBefore: number; rows: ChangeRow[]; rest: RowsRest | null };
  markersFrom: string;
  markers: ChartMarker[];
}

/**
 * One company's snapshot. It equals what the on-demand functions give (ledgerFor then capRows,
 * breakdownOf, changesBetween, pickMarkers; tests hold them equal) but costs a few array passes
 * per company instead of an object per ledger row: at a million items a large company's ledger
 * has ~50,000 rows, and the job makes one for every company every day. Raw weights are multiplied
 * in ledgerFor's order, so sums and rankings come out the same to the last bit. Only the rows
 * kept are built as objects, by ledgerFor itself. `daily` reads the stored score and raw sum of a
 * day, for the markers.
 */
export function companySnapshot(company: CompanyPresence, s: SnapshotEvents, daily: (day: string) => { score: number; raw: number } | undefined): CompanySnapshot {
  const n = s.events.length;
  // Scratch arrays, one set per SnapshotEvents and reused by every company: allocating them anew
  // for each of ~180 companies kept the garbage collector busy for seconds at a million items.
  const scratch = (s.scratch ??= { numbers: Array.from({ length: 5 }, () => new Float64Array(n)), flags: [new Uint8Array(n), new Uint8Array(n)] });
  let nextNumbers = 0;
  let nextFlags = 0;
  const numbers = () => scratch.numbers[nextNumbers++].fill(0);
  const flags = () => scratch.flags[nextFlags++ % 2].fill(0);
  const setRoutes = s.sets.map((e) => routeOf(company, e));
  const named = new Map<number, Route>();
  for (const i of s.naming.get(company.id) ?? []) named.set(i, routeOf(company, s.events[i])!);
  const routeAt = (i: number) => named.get(i) ?? setRoutes[s.setOf[i]];
  const support = s.support;
  const rw = numbers();
  for (let i = 0; i < n; i++) rw[i] = setRoutes[s.setOf[i]]?.weight ?? 0;
  for (const [i, route] of named) rw[i] = route.weight;
  const rawOf = (decay: Float64Array) => {
    const raw = numbers();
    for (let i = 0; i < n; i++) raw[i] = s.weight[i] * rw[i] * decay[i];
    return raw;
  };
  const rawEnd = rawOf(s.decayEnd);
  const rawStart = rawOf(s.decayStart);
  const sum = (raw: Float64Array, ofSupport: number) => {
    let total = 0;
    for (let i = 0; i < n; i++) if (support[i] === ofSupport && raw[i] > 0) total += raw[i];
    return total;
  };

  const capped = (ofSupport: number): CappedLedger => {
    const raw = sum(rawEnd, ofSupport);
    const score = saturate(raw, COMPANY_SCALE);
    const counted = (i: number) => support[i] === ofSupport && rawEnd[i] > 0;
    const byRaw = (a: number, b: number) =>
      rawEnd[a] > rawEnd[b] || (rawEnd[a] === rawEnd[b] && (s.events[a].day > s.events[b].day || (s.events[a].day === s.events[b].day && s.events[a].id < s.events[b].id)));
    const top = topK(n, LEDGER_TOP_ROWS, counted, byRaw);
    const topIndex = new Map(top.map((i) => [s.events[i].id, i]));
    const built = ledgerFor(company, top.map((i) => s.events[i]), s.day, (e) => routeAt(topIndex.get(e.id)!));
    const rows = ofSupport ? built.support.rows : built.rows;
    for (const r of rows) r.contribution = raw > 0 ? (score * r.raw) / raw : 0;
    let total = 0;
    const rest: RowsRest = { rows: 0, raw: 0, contribution: 0 };
    const kept = flags();
    for (const i of top) kept[i] = 1;
    for (let i = 0; i < n; i++) {
      if (!counted(i)) continue;
      total++;
      if (kept[i]) continue;
      rest.rows++;
      rest.raw += rawEnd[i];
      rest.contribution += raw > 0 ? (score * rawEnd[i]) / raw : 0;
    }
    return { score, raw, total, rows, rest: rest.rows ? rest : null };
  };
  const risk = capped(0);

  // Breakdowns of the risk ledger: a country-route row under its country, a named row split over the event's countries.
  const countries = new Map<string, BreakdownPart>();
  const types = new Map<string, BreakdownPart>();
  const add = (map: Map<string, BreakdownPart>, key: string, points: number, rows: number) => {
    const part = map.get(key) ?? { key, contribution: 0, rows: 0 };
    part.contribution += points;
    part.rows += rows;
    map.set(key, part);
  };
  // Rows not naming the company are summed per set of (type, countries) first: same parts, far fewer map updates.
  const setPoints = new Float64Array(s.sets.length);
  const setRows = new Int32Array(s.sets.length);
  for (let i = 0; i < n; i++) {
    if (support[i] || !(rawEnd[i] > 0)) continue;
    const points = (risk.score * rawEnd[i]) / risk.raw;
    const route = named.get(i);
    if (!route) {
      setPoints[s.setOf[i]] += points;
      setRows[s.setOf[i]]++;
      continue;
    }
    add(types, s.events[i].eventType, points, 1);
    const over = s.events[i].countries;
    if (over.length === 0) add(countries, NO_COUNTRY, points, 1);
    for (const code of over) add(countries, code, points / over.length, 1);
  }
  s.sets.forEach((set, k) => {
    if (setRows[k] === 0) return;
    add(types, set.eventType, setPoints[k], setRows[k]);
    add(countries, setRoutes[k]!.country!, setPoints[k], setRows[k]);
  });
  const order = (a: BreakdownPart, b: BreakdownPart) => b.contribution - a.contribution || a.key.localeCompare(b.key, 'en');

  // Changes over the window: each risk event's contribution at the end minus at the start.
  const startRaw = sum(rawStart, 0);
  const startScore = saturate(startRaw, COMPANY_SCALE);
  const change = numbers();
  const either = (i: number) => !support[i] && (rawEnd[i] > 0 || rawStart[i] > 0);
  for (let i = 0; i < n; i++) {
    if (!either(i)) continue;
    const after = rawEnd[i] > 0 ? (risk.score * rawEnd[i]) / risk.raw : 0;
    const before = rawStart[i] > 0 ? (startScore * rawStart[i]) / startRaw : 0;
    change[i] = after - before;
  }
  const byMove = (a: number, b: number) => {
    const d = Math.abs(change[a]) - Math.abs(change[b]);
    if (d !== 0) return d > 0;
    const ea = s.events[a];
    const eb = s.events[b];
    return ea.day > eb.day || (ea.day === eb.day && ea.id < eb.id);
  };
  const moved = topK(n, CHANGES_TOP_ROWS, either, byMove);
  const changeRows: ChangeRow[] = moved.map((i) => {
    const e = s.events[i];
    const route = routeAt(i)!;
    const after = rawEnd[i] > 0 ? (risk.score * rawEnd[i]) / risk.raw : 0;
    const before = rawStart[i] > 0 ? (startScore * rawStart[i]) / startRaw : 0;
    return { eventId: e.id, title: e.title, date: s.date[i], eventType: e.eventType, route: route.route, country: route.country ?? null, presence: route.presence ?? null, before, after, change: change[i] };
  });
  const movedMark = flags();
  for (const i of moved) movedMark[i] = 1;
  const changeRest: RowsRest = { rows: 0, raw: 0, contribution: 0 };
  for (let i = 0; i < n; i++) {
    if (!either(i) || movedMark[i]) continue;
    changeRest.rows++;
    changeRest.contribution += change[i];
  }

  // Chart markers of the default range: what each risk event added to the stored score on its own day.
  // The stored days are read only when some risk event of the range reaches the company.
  let candidates = false;
  for (let i = 0; i < n && !candidates; i++) candidates = s.markerDay[i] >= 0 && !support[i] && rw[i] > 0;
  const dayScore = new Float64Array(MARKER_RANGE_DAYS);
  const dayRaw = new Float64Array(MARKER_RANGE_DAYS);
  for (let d = 0; candidates && d < MARKER_RANGE_DAYS; d++) {
    const stored = daily(s.markerDates[d]);
    dayScore[d] = stored?.score ?? 0;
    dayRaw[d] = stored?.raw ?? 0;
  }
  const jump = rawStart; // no longer needed: reused for the markers' jumps
  jump.fill(0);
  for (let i = 0; i < n; i++) {
    const d = s.markerDay[i];
    if (d < 0 || support[i] || rw[i] === 0 || !(dayRaw[d] > 0)) continue;
    jump[i] = (dayScore[d] * s.weight[i] * rw[i]) / dayRaw[d];
  }
  const markerIdx = topK(n, CHART_MARKERS, (i) => jump[i] > 0, (a, b) => jump[a] > jump[b] || (jump[a] === jump[b] && s.events[a].id < s.events[b].id));
  const markers = markerIdx
    .map((i): ChartMarker => {
      const e = s.events[i];
      const date = s.date[i];
      return { eventId: e.id, date, title: e.title, eventType: e.eventType, score: daily(date)?.score ?? 0, jump: jump[i] };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.eventId - b.eventId);

  return {
    companyId: company.id,
    day: dayString(s.day),
    risk,
    support: capped(1),
    breakdown: { byCountry: [...countries.values()].sort(order), byType: [...types.values()].sort(order) },
    changes: { from: dayString(s.day - CHANGE_WINDOW_DAYS), scoreBefore: startScore, rows: changeRows, rest: changeRest.rows ? changeRest : null },
    markersFrom: dayString(s.day - (MARKER_RANGE_DAYS - 1)),
    markers,
  };
}

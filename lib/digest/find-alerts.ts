import { prepared, type Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { dayIndexOf, dayString } from '../exposure/days';
import { latestExposureDay } from '../queries/company-exposure';
import { scoresOn } from '../queries/company-scores';
import { daysBefore } from '../queries/date-range';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { subscriberCompanies } from './select-digest';

/** Rises and events older than this are history, not news: a new subscriber is not flooded with them. */
const ALERT_WINDOW_DAYS = 2;

export type Alert =
  | { kind: 'rise'; key: string; companyId: string; companyName: string; day: string; from: number; to: number }
  | {
      kind: 'event';
      key: string;
      eventId: number;
      companyIds: string[];
      companyNames: string[];
      title: string;
      url: string | null;
      eventType: string;
      severity: number;
      day: string;
    };

/**
 * The alerts a subscription asks for that are true now: a watched company's score rose by more
 * than N points from one day to the next (on the latest computed day), or an event of severity at
 * least S names a watched company. Each has a stable key, so it is delivered once per subscriber.
 */
export function findAlerts(db: Db, sub: DigestSubscription, now: Date): Alert[] {
  const watched = subscriberCompanies(db, sub);
  if (watched.length === 0) return [];
  const nameOf = (id: string) => getGazetteerFor(db).companyById.get(id)?.name ?? id;
  const oldest = dayString(dayIndexOf(now.getTime()) - ALERT_WINDOW_DAYS);
  const alerts: Alert[] = [];

  if (sub.alertScoreRise !== null) {
    const day = latestExposureDay(db);
    if (day >= oldest) {
      const before = daysBefore(day, 1);
      const scores = scoresOn(db, { companyIds: watched, days: [day, before] });
      for (const companyId of watched) {
        const to = scores.get(companyId)?.get(day) ?? 0;
        const from = scores.get(companyId)?.get(before) ?? 0;
        if (to - from > sub.alertScoreRise) alerts.push({ kind: 'rise', key: `rise:${companyId}:${day}`, companyId, companyName: nameOf(companyId), day, from, to });
      }
    }
  }

  if (sub.alertMinSeverity !== null) {
    // Events first seen after the subscription asked for alerts, and recently: news, not the archive.
    const since = Math.max(sub.createdAt.getTime(), now.getTime() - ALERT_WINDOW_DAYS * 86_400_000);
    const rows = prepared(
      db,
      `SELECT e.id, e.title, e.url, e.event_type AS eventType, e.severity, e.day, json_group_array(x.value) AS companies
       FROM exposure_events e
       JOIN exposure_event_entities x ON x.event_id = e.id AND x.kind = 'company' AND x.value IN (SELECT value FROM json_each(?))
       JOIN items i ON i.id = e.id
       WHERE e.severity >= ? AND i.first_seen_at >= ?
       GROUP BY e.id ORDER BY e.id`,
    ).all(JSON.stringify(watched), sub.alertMinSeverity, since) as { id: number; title: string; url: string | null; eventType: string; severity: number; day: string; companies: string }[];
    for (const r of rows) {
      const companyIds = (JSON.parse(r.companies) as string[]).sort();
      alerts.push({ kind: 'event', key: `event:${r.id}`, eventId: r.id, companyIds, companyNames: companyIds.map(nameOf), title: r.title, url: r.url, eventType: r.eventType, severity: r.severity, day: r.day });
    }
  }
  return alerts;
}

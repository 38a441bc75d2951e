import { prepared, type Db } from '../../db';

/*
 * Keeps exposure_events in step with items: one event per story cluster of relevant items, with
 * the day of its earliest report, the title and type of its first report, its strongest severity, how many feeds
 * carried it, and the union of its items' effective tags (analysts' corrections included).
 */
const CLUSTERS = `SELECT value AS id FROM json_each(?)`;
// The cluster's first item is its root (its id is the cluster id); only when the root has become
// irrelevant since is the earliest relevant report looked up instead.
const INSERT_EVENTS_SQL = (scope: string) => `
INSERT INTO exposure_events (id, day, event_type, severity, sources, title, url)
SELECT g.cluster_id, strftime('%Y-%m-%d', g.first_at / 1000, 'unixepoch'), root.event_type, g.severity, g.sources,
       root.title, root.url
FROM (SELECT cluster_id, max(severity) AS severity, count(DISTINCT feed_id) AS sources, min(published_at) AS first_at
      FROM items WHERE relevant = 1 AND cluster_id IS NOT NULL ${scope} GROUP BY cluster_id) g
JOIN items root ON root.id = CASE
  WHEN EXISTS (SELECT 1 FROM items r WHERE r.id = g.cluster_id AND r.relevant = 1) THEN g.cluster_id
  ELSE (SELECT i.id FROM items i WHERE i.cluster_id = g.cluster_id AND i.relevant = 1 ORDER BY i.published_at, i.id LIMIT 1)
END`;
// A company counts as named in a title when any report names it there; analysts' additions count as named.
const INSERT_ENTITIES_SQL = (scope: string) => `
INSERT INTO exposure_event_entities (event_id, kind, value, named)
SELECT i.cluster_id, e.kind, e.value,
       CASE WHEN e.kind = 'country' THEN NULL
            WHEN max(e.source = 'auto' AND e.field = 'title') THEN 'title' ELSE 'body' END
FROM items i JOIN effective_item_tags e ON e.item_id = i.id
WHERE i.relevant = 1 AND i.cluster_id IS NOT NULL ${scope}
GROUP BY i.cluster_id, e.kind, e.value`;
// The copies of the countries and companies beside each event (exposure_events.countries and
// .companies in db/schema.ts), in the entities' key order, so they list them as loadEvents does.
const SET_COPIES_SQL = (scope: string) => `
UPDATE exposure_events SET countries = coalesce(g.countries, ''), companies = coalesce(g.companies, '')
FROM (SELECT event_id,
             group_concat(value, ',' ORDER BY value) FILTER (WHERE kind = 'country') AS countries,
             group_concat(value || '=' || coalesce(named, 'body'), ',' ORDER BY value) FILTER (WHERE kind = 'company') AS companies
      FROM exposure_event_entities WHERE 1 ${scope} GROUP BY event_id) AS g
WHERE g.event_id = exposure_events.id`;

/** Rebuilds every event from the items. */
export function syncAllEvents(db: Db): void {
  db.$client.exec('DELETE FROM exposure_event_entities; DELETE FROM exposure_events;');
  db.$client.prepare(INSERT_EVENTS_SQL('')).run();
  db.$client.prepare(INSERT_ENTITIES_SQL('')).run();
  db.$client.prepare(SET_COPIES_SQL('')).run();
}

/** Rebuilds the given events (cluster ids); a cluster with no relevant item left disappears. */
export function syncEvents(db: Db, clusterIds: number[]): void {
  if (clusterIds.length === 0) return;
  const list = JSON.stringify([...new Set(clusterIds)]);
  prepared(db, `DELETE FROM exposure_events WHERE id IN (${CLUSTERS})`).run(list);
  prepared(db, INSERT_EVENTS_SQL(`AND cluster_id IN (${CLUSTERS})`)).run(list);
  prepared(db, INSERT_ENTITIES_SQL(`AND i.cluster_id IN (${CLUSTERS})`)).run(list);
  prepared(db, SET_COPIES_SQL(`AND event_id IN (${CLUSTERS})`)).run(list);
}

-- exposure_events.companies (0016) for the events already stored, as lib/exposure/sync-events.ts
-- writes it for new ones: `id=title` / `id=body` sorted by id and joined by commas. Events naming
-- no company keep the default ''.
UPDATE exposure_events SET companies = g.companies
FROM (SELECT event_id, group_concat(value || '=' || coalesce(named, 'body'), ',' ORDER BY value) AS companies
      FROM exposure_event_entities WHERE kind = 'company' GROUP BY event_id) AS g
WHERE g.event_id = exposure_events.id;

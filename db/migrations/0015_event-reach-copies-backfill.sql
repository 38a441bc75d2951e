-- exposure_events.countries and .companies (0014) for the events already stored, as
-- lib/exposure/sync-events.ts writes them for new ones: country codes sorted and joined by commas,
-- and companies as `id=title` / `id=body` sorted by id and joined by commas. Events naming none keep
-- the default ''.
-- Hand-written (drizzle-kit cannot express an UPDATE from the entities): generated with --custom.
UPDATE exposure_events SET countries = coalesce(g.countries, ''), companies = coalesce(g.companies, '')
FROM (SELECT event_id,
             group_concat(value, ',' ORDER BY value) FILTER (WHERE kind = 'country') AS countries,
             group_concat(value || '=' || coalesce(named, 'body'), ',' ORDER BY value) FILTER (WHERE kind = 'company') AS companies
      FROM exposure_event_entities GROUP BY event_id) AS g
WHERE g.event_id = exposure_events.id;

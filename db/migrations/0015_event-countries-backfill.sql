-- exposure_events.countries (0014) for the events already stored: the same value
-- lib/exposure/sync-events.ts writes for new ones, their country codes sorted and joined by commas.
-- Events naming no country keep the default ''.
UPDATE exposure_events SET countries = g.countries
FROM (SELECT event_id, group_concat(value, ',' ORDER BY value) AS countries
      FROM exposure_event_entities WHERE kind = 'country' GROUP BY event_id) AS g
WHERE g.event_id = exposure_events.id;

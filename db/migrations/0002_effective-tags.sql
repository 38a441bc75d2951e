-- The tags an item has after an analyst's corrections: automatic and manually added rows, less any
-- value an analyst removed (a manual row with removed = 1). One definition, used by the event
-- listings and by story clustering. A value tagged both automatically and by hand appears twice.
CREATE VIEW `effective_item_tags` AS
SELECT t.`item_id`, t.`kind`, t.`value`
FROM `item_tags` t
WHERE t.`removed` = 0
  AND NOT EXISTS (
    SELECT 1 FROM `item_tags` r
    WHERE r.`item_id` = t.`item_id` AND r.`kind` = t.`kind` AND r.`value` = t.`value`
      AND r.`source` = 'manual' AND r.`removed` = 1
  );

import { prepared, type Db } from '../../db';
import type { TagKind } from '../../db/schema';
import { updateExposure } from '../exposure/update-exposure';
import type { Gazetteer } from './gazetteer';
import { setManualTag, TagInputError, validateManualTag } from './manual-tags';

/**
 * An analyst's correction to an event (a story cluster) rather than to one item: an added tag goes
 * on the event's first report; a removed one comes off every report of the cluster that carries
 * it, since the event's tags are the union over its reports and exposure counts that union. Then
 * the event's exposure is brought up to date, as after `tags add|remove` on the command line.
 * Validated before anything is written: an unknown value or event changes nothing.
 */
export function correctEventTag(db: Db, gazetteer: Gazetteer, change: { eventId: number; kind: TagKind; value: string; present: boolean }): { value: string; itemIds: number[] } {
  const event = prepared(db, 'SELECT id, cluster_id AS clusterId FROM items WHERE id = ? AND (cluster_id = id OR cluster_id IS NULL)').get(change.eventId) as
    | { id: number; clusterId: number | null }
    | undefined;
  if (!event) throw new TagInputError(`no event with id ${change.eventId}`);
  const value = validateManualTag(db, gazetteer, { itemId: event.id, kind: change.kind, value: change.value });
  const itemIds = change.present ? [event.id] : carriers(db, event, change.kind, value);
  if (itemIds.length === 0) throw new TagInputError(`${value} is not tagged on this event`);
  db.transaction(() => {
    for (const itemId of itemIds) setManualTag(db, gazetteer, { itemId, kind: change.kind, value }, change.present);
    if (event.clusterId !== null) updateExposure(db, [event.clusterId]);
  });
  return { value, itemIds };
}

function carriers(db: Db, event: { id: number; clusterId: number | null }, kind: TagKind, value: string): number[] {
  const rows = prepared(
    db,
    `SELECT DISTINCT e.item_id AS itemId FROM effective_item_tags e
     WHERE e.kind = ? AND e.value = ? AND e.item_id IN (SELECT id FROM items WHERE cluster_id = ? UNION SELECT ?)`,
  ).all(kind, value, event.clusterId ?? -1, event.id) as { itemId: number }[];
  return rows.map((r) => r.itemId);
}

import { eq } from 'drizzle-orm';
import { items } from '../../db/schema';
import { CLI_ACTOR, recordAudit } from '../../lib/auth/audit';
import { updateExposure } from '../../lib/exposure/update-exposure';
import { setManualTag } from '../../lib/tagging/manual-tags';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { UsageError, expectPositionals, openMigratedDb, parse, parseId } from '../cli-args';

/** `tags add|remove --item <id> --company <id> | --country <code>`: an analyst's correction. */
export async function tagsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'remove') throw new UsageError(sub ? `unknown tags command: ${sub}` : 'missing tags command (add or remove)');
  const { values, positionals } = parse(rest, { item: { type: 'string' }, company: { type: 'string' }, country: { type: 'string' } });
  expectPositionals(positionals, 0, '');
  const itemId = parseId('--item', values.item);
  if ((values.company === undefined) === (values.country === undefined)) throw new UsageError('give exactly one of --company or --country');
  const kind = values.company !== undefined ? 'company' : 'country';
  const value = (values.company ?? values.country)!;
  const db = openMigratedDb();
  setManualTag(db, getGazetteerFor(db), { itemId, kind, value }, sub === 'add');
  recordAudit(db, CLI_ACTOR, `tag.${sub}`, `item ${itemId}`, `${kind} ${value}`);
  // The correction counts in the item's event and in the scores it reaches at once.
  const item = db.select({ clusterId: items.clusterId }).from(items).where(eq(items.id, itemId)).get();
  if (item?.clusterId) updateExposure(db, [item.clusterId]);
  console.log(`${sub === 'add' ? 'added' : 'removed'} ${kind} ${value} ${sub === 'add' ? 'to' : 'from'} item ${itemId} (manual tags survive retag)`);
  return 0;
}

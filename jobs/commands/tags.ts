import { setManualTag } from '../../lib/tagging/manual-tags';
import { getGazetteer } from '../../lib/tagging/gazetteer';
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
  setManualTag(openMigratedDb(), getGazetteer(), { itemId, kind, value }, sub === 'add');
  console.log(`${sub === 'add' ? 'added' : 'removed'} ${kind} ${value} ${sub === 'add' ? 'to' : 'from'} item ${itemId} (manual tags survive retag)`);
  return 0;
}

import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { companyExposure, ExposureQueryError } from '../../lib/queries/company-exposure';
import { UsageError, expectPositionals, openMigratedDb, parse } from '../cli-args';

/**
 * `exposure rebuild`: recompute every event, score and index.
 * `exposure --company <id> [--from D] [--to D] [--json]`: a company's series and its ledger on the last day.
 */
export async function exposureCommand(args: string[]): Promise<number> {
  if (args[0] === 'rebuild') {
    const { positionals } = parse(args.slice(1));
    expectPositionals(positionals, 0, '');
    const started = Date.now();
    const result = rebuildExposure(openMigratedDb());
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`exposure rebuilt: ${result.events} events, ${result.companies} companies, ${result.countries} countries, ${result.rowsWritten} daily rows from ${result.fromDay ?? '-'} in ${seconds} s`);
    return 0;
  }
  const { values, positionals } = parse(args, { company: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } });
  expectPositionals(positionals, 0, '');
  if (!values.company) throw new UsageError('give --company <id>, or use "exposure rebuild"');
  let result;
  try {
    result = companyExposure(openMigratedDb(), values.company, { from: values.from, to: values.to });
  } catch (err) {
    if (err instanceof ExposureQueryError) throw new UsageError(err.message);
    throw err;
  }
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  console.log(`${result.company.name} (${result.company.id}): exposure ${result.score.toFixed(1)} on ${result.to}, support ${result.support.score.toFixed(1)}`);
  const peak = result.series.reduce((a, b) => (b.score > a.score ? b : a), result.series[0]);
  console.log(`  ${result.from} to ${result.to}: peak ${peak.score.toFixed(1)} on ${peak.date}`);
  console.log(`  ledger on ${result.to} (${result.rows} rows, biggest first):`);
  for (const r of result.ledger.slice(0, 20)) {
    const route = r.route === 'country' ? `via ${r.country} (${r.presence})` : `named in ${r.route}`;
    console.log(`  ${r.contribution.toFixed(2).padStart(6)}  ${r.date}  ${r.eventType.padEnd(20)} ${route.padEnd(26)} ${r.title.slice(0, 70)}`);
  }
  const shown = result.ledger.slice(0, 20);
  const rest = result.rows - shown.length;
  const restPoints = result.score - shown.reduce((sum, r) => sum + r.contribution, 0);
  if (rest > 0) console.log(`  ${restPoints.toFixed(2).padStart(6)}  … the other ${rest} rows together`);
  return 0;
}

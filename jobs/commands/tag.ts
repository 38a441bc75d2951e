import readline from 'node:readline';
import { z } from 'zod';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { expectPositionals, parse } from '../cli-args';

const MAX_FIELD_CHARS = 1_000_000;

const inputLine = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  published: z.string().nullish(),
});

/**
 * `tag`: JSON Lines in, one JSON line out per input line, in order. Needs no database. A line
 * that is not valid JSON, or lacks an id, is reported on stderr with its line number and skipped;
 * every other line is still tagged.
 */
export async function tagCommand(args: string[]): Promise<number> {
  expectPositionals(parse(args).positionals, 0, '');
  const tagger = getTagger();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let bad = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let parsed: z.infer<typeof inputLine>;
    try {
      const result = inputLine.safeParse(JSON.parse(line));
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`${issue.path.join('.') || 'line'}: ${issue.message}`);
      }
      parsed = result.data;
    } catch (err) {
      bad++;
      process.stderr.write(`line ${lineNumber}: skipped, ${err instanceof Error ? err.message : String(err)}\n`);
      continue;
    }
    const result = tagger.tag({
      title: (parsed.title ?? '').slice(0, MAX_FIELD_CHARS),
      summary: (parsed.summary ?? '').slice(0, MAX_FIELD_CHARS),
    });
    const output = {
      id: parsed.id,
      relevant: result.relevant,
      relevance: result.relevance,
      countries: result.countries,
      companies: result.companies,
      eventType: result.eventType,
      severity: result.severity,
      matches: result.matches.map((m) => ({ text: m.text, kind: m.kind, id: m.id, field: m.field, offset: m.offset })),
    };
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  if (bad) process.stderr.write(`tag: ${bad} of ${lineNumber} lines skipped\n`);
  return 0;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshBundle } from '../../lib/feeds/worker-bundle';

/**
 * The document worker loads from an esbuild bundle of its TypeScript, kept between runs. A bundle
 * that outlived a change to one of its sources would run old code without a word, so what matters
 * most is that any change to any input, however deep in the import graph, is noticed.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-bundle-'));
  fs.writeFileSync(path.join(dir, 'entry.ts'), "import { answer } from './dep';\nexport const value: number = answer * 2;\n");
  fs.writeFileSync(path.join(dir, 'dep.ts'), 'export const answer = 21;\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = () => ({ entry: path.join(dir, 'entry.ts'), outFile: path.join(dir, 'cache', 'entry.cjs') });
// Each load reads the file again: require's cache would hand back the first bundle.
const load = (file: string): { value: number } => {
  const module = { exports: {} as { value: number } };
  new Function('module', 'exports', 'require', fs.readFileSync(file, 'utf8'))(module, module.exports, require);
  return module.exports;
};

describe('worker bundle', () => {
  it('bundles an entry and its imports into one JavaScript file, and reuses it while nothing changed', () => {
    const first = freshBundle(request());
    expect(first).toMatchObject({ ok: true, built: true });
    if (!first.ok) return;
    expect(load(first.file).value).toBe(42);
    const builtAt = fs.statSync(first.file).mtimeMs;
    expect(freshBundle(request())).toMatchObject({ ok: true, built: false });
    expect(fs.statSync(first.file).mtimeMs).toBe(builtAt);
  });

  it('builds again when an imported file changes, even to the same size', () => {
    freshBundle(request());
    fs.writeFileSync(path.join(dir, 'dep.ts'), 'export const answer = 12;\n'); // same length as before
    const future = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, 'dep.ts'), future, future);
    const again = freshBundle(request());
    expect(again).toMatchObject({ ok: true, built: true });
    if (again.ok) expect(load(again.file).value).toBe(24);
  });

  it('builds again when its list of inputs is missing, and when a file it read is gone', () => {
    const first = freshBundle(request());
    if (!first.ok) throw new Error(first.error);
    fs.rmSync(`${first.file}.inputs.json`);
    expect(freshBundle(request())).toMatchObject({ ok: true, built: true });
    // The entry no longer imports dep.ts, which is then removed: the recorded input is missing.
    fs.writeFileSync(path.join(dir, 'entry.ts'), 'export const value: number = 7;\n');
    fs.rmSync(path.join(dir, 'dep.ts'));
    const again = freshBundle(request());
    expect(again).toMatchObject({ ok: true, built: true });
    if (again.ok) expect(load(again.file).value).toBe(7);
  });

  it('reports an entry that does not build, and leaves no bundle behind', () => {
    fs.writeFileSync(path.join(dir, 'entry.ts'), "import { missing } from './nowhere';\nexport const value = missing;\n");
    const result = freshBundle(request());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/nowhere/);
    expect(fs.existsSync(request().outFile)).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';

/**
 * A worker thread's TypeScript entry as one plain JavaScript file, bundled with esbuild and kept
 * until one of the files it was built from changes.
 *
 * Why: loading the document worker through tsx (a resolve hook and a transform-cache lookup per
 * module, ~110 modules) made the thread ready ~160 ms after it was started; the bundle is loaded in
 * ~40 ms. An ingest run waits for that thread before it can store its first document, so this is
 * time off every run (docs/benchmarks.md, 2026-12-04 session 8).
 *
 * The bundle is rebuilt whenever the size or modification time of any of its inputs (our files and
 * the packages') differs from when it was built: checking them is ~110 stat calls. Building takes
 * ~70 ms and happens on the first run after a change. Anything that goes wrong here (esbuild
 * missing, a folder that cannot be written) is returned as the error, and the caller loads the
 * entry through tsx as before.
 */
export interface BundleRequest {
  /** The TypeScript entry file. */
  entry: string;
  /** Where the bundle goes; its list of inputs is kept beside it (`.inputs.json`). */
  outFile: string;
}

export type BundleResult = { ok: true; file: string; built: boolean } | { ok: false; error: string };

/** [absolute path, size, mtime in ms] of every file the bundle was built from. */
type InputStamp = [string, number, number];

interface BundleInputs {
  entry: string;
  inputs: InputStamp[];
}

export function freshBundle({ entry, outFile }: BundleRequest): BundleResult {
  const inputsFile = `${outFile}.inputs.json`;
  try {
    if (isFresh(entry, outFile, inputsFile)) return { ok: true, file: outFile, built: false };
    build(entry, outFile, inputsFile);
    return { ok: true, file: outFile, built: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function isFresh(entry: string, outFile: string, inputsFile: string): boolean {
  let recorded: BundleInputs;
  try {
    if (!fs.statSync(outFile).isFile()) return false;
    recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as BundleInputs;
  } catch {
    return false; // never built, or its inputs list is missing or unreadable
  }
  if (recorded.entry !== entry || !Array.isArray(recorded.inputs) || recorded.inputs.length === 0) return false;
  for (const [file, size, mtimeMs] of recorded.inputs) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

function build(entry: string, outFile: string, inputsFile: string): void {
  // Loaded only to build: most runs find the bundle fresh.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const workingDir = path.dirname(entry);
  const startedAt = Date.now();
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  const inputs: InputStamp[] = [];
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(workingDir, input);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    // A file saved while esbuild read it may be in the bundle as it was before: recorded as changed,
    // so the next start builds again.
    if (stat) inputs.push([file, stat.mtimeMs >= startedAt ? -1 : stat.size, stat.mtimeMs]);
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // The bundle first: a list of inputs beside an older bundle would call it fresh.
  writeWhole(outFile, code);
  writeWhole(inputsFile, JSON.stringify({ entry, inputs } satisfies BundleInputs));
}

/** Written aside and renamed: another process starting a worker meanwhile reads a whole file. */
function writeWhole(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

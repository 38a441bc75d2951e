import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
// `node --import tsx` runs the CLI in this one process; the tsx binary would add a parent process,
// and a SIGKILL sent to that parent would leave the real CLI running.
const NODE_ARGS = ['--import', 'tsx', 'jobs/cli.ts'];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/**
 * Runs the CLI the way `npm run cli -- ...` does (same entry file) and collects its output.
 * Asynchronous on purpose: the feed servers the CLI talks to live in the test process.
 */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.end(input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

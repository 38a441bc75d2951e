import fs from 'node:fs';
import path from 'node:path';

export interface AppRoute {
  /** A concrete path to request: dynamic segments filled with sample values. */
  path: string;
  kind: 'page' | 'api';
  methods: string[];
  file: string;
}

const APP_DIR = path.resolve(__dirname, '../../../app');
// Real values where the sample data has them, so an unprotected page would answer 200, not 404.
const SAMPLE_SEGMENTS: Record<string, string> = { id: 'micron', code: 'CN' };
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every page and route handler under app/, found on disk so a route added later is walked too. */
export function discoverAppRoutes(dir = APP_DIR): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('_')) routes.push(...discoverAppRoutes(full));
      continue;
    }
    const match = /^(page|route)\.(tsx?|jsx?)$/.exec(entry.name);
    if (!match) continue;
    const segments = path
      .relative(APP_DIR, dir)
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'))
      .map((s) => {
        const dynamic = /^\[+\.{0,3}([^\]]+)\]+$/.exec(s);
        return dynamic ? (SAMPLE_SEGMENTS[dynamic[1]] ?? 'sample') : s;
      });
    const routePath = `/${segments.join('/')}`;
    if (match[1] === 'page') routes.push({ path: routePath, kind: 'page', methods: ['GET'], file: full });
    else {
      const source = fs.readFileSync(full, 'utf8');
      const methods = METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b`).test(source));
      routes.push({ path: routePath, kind: 'api', methods, file: full });
    }
  }
  return routes;
}

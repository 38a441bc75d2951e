/** Reading and writing the URL search params that hold every page's state. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a param; repeated params are not used by these pages. */
export function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A 1-based page number; anything else is page 1. */
export function pageParam(params: SearchParams, key = 'page'): number {
  const value = Number(param(params, key));
  return Number.isInteger(value) && value >= 1 && value <= 100_000 ? value : 1;
}

/** A link to `path` keeping the given params, with some changed (undefined or '' drops one). */
export function hrefWith(path: string, keep: Record<string, string | number | undefined>, changes: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...keep, ...changes })) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

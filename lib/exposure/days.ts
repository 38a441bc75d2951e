/** Calendar days in UTC. The model counts whole days; pages show them in the viewer's locale. */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of a time. */
export function dayIndexOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayIndex(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayString(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const index = dayIndex(value);
  return Number.isFinite(index) && dayString(index) === value;
}

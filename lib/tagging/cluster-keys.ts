// Pure (no database import), so the document worker that tags items off the main thread can load it.
/**
 * The cluster keys of a tagging: its type with each company it names, or with each country when
 * it names no company. An irrelevant item, or one with neither, has none and stays alone.
 */
export function clusterKeysOf(tagging: { relevant: boolean; eventType: string; companies: { id: string }[]; countries: string[] }): string[] {
  if (!tagging.relevant) return [];
  const values = tagging.companies.length ? tagging.companies.map((c) => `company:${c.id}`) : tagging.countries.map((c) => `country:${c}`);
  return values.map((value) => `${tagging.eventType}|${value}`);
}

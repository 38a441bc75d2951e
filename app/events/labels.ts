/** How event types read on the page: "export-control" → "Export control". */
export function typeLabel(type: string | null): string {
  if (!type) return 'Untyped';
  const text = type.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const SORT_LABELS: Record<string, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  severity: 'Most severe first',
  relevance: 'Best match (needs a search)',
};

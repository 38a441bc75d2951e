'use client';

import { useEffect, useState } from 'react';

/**
 * A UTC timestamp shown in the viewer's locale and time zone. The server renders the UTC form
 * (it cannot know the viewer's zone); the browser swaps in the local one after hydration.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string | null; dateOnly?: boolean }) {
  const [text, setText] = useState(() => (iso ? utcText(iso, dateOnly) : '—'));
  useEffect(() => {
    if (!iso) return;
    const date = new Date(iso);
    setText(dateOnly ? date.toLocaleDateString() : date.toLocaleString());
  }, [iso, dateOnly]);
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

function utcText(iso: string, dateOnly: boolean): string {
  return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

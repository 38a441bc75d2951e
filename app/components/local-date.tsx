'use client';

import { useEffect, useState } from 'react';

/**
 * A calendar day (YYYY-MM-DD, UTC) in the viewer's locale. Formatted in UTC on purpose: a day is
 * not an instant, and in a zone west of Greenwich local midnight would show the day before. The
 * server renders the ISO form; the browser swaps in the local one after hydration.
 */
export function LocalDate({ day }: { day: string }) {
  const [text, setText] = useState(day);
  useEffect(() => setText(formatDay(day)), [day]);
  return (
    <time dateTime={day} title={day}>
      {text}
    </time>
  );
}

export function formatDay(day: string, options: Intl.DateTimeFormatOptions = {}): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { timeZone: 'UTC', ...options });
}

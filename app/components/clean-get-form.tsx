'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';

/**
 * A GET form whose URL carries only the fields that were filled in, so a filtered view is a short
 * link worth sharing (a plain GET form sends every field, empty or not). Without JavaScript it is
 * an ordinary GET form, and the page ignores the empty fields.
 */
export function CleanGetForm({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  const router = useRouter();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
    router.push(params.size ? `${action}?${params}` : action);
  };
  return (
    <form action={action} method="get" role="search" aria-label={label} onSubmit={submit}>
      {children}
    </form>
  );
}

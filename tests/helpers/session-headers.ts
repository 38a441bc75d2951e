import { vi } from 'vitest';

/**
 * Server actions read the caller from `next/headers`, which only exists inside a request. Tests
 * replace it with a holder whose cookie they set to a real session from their database, so the
 * real lookup and the real role check run: `vi.mock('next/headers', () => mockRequestHeaders)`.
 */
export const requestCookie = { value: '' };

export const mockRequestHeaders = {
  headers: vi.fn(async () => new Headers(requestCookie.value ? { cookie: requestCookie.value } : {})),
};

import { expect, test } from '@playwright/test';

/**
 * The production server (jobs/serve.ts) compresses responses, with Next.js's own compression off:
 * the events CSV must reach the client compressed once, not twice and not as bytes labelled text/csv.
 */
test('the events CSV arrives compressed once (gzip or brotli), and decodes to the same file as an uncompressed download', async ({ request }) => {
  const url = '/api/events.csv?relevant=all';
  const gzipped = await request.get(url, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzipped.status()).toBe(200);
  expect(gzipped.headers()['content-encoding']).toBe('gzip');
  const plain = await request.get(url, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  const text = await plain.text();
  expect(text.split('\r\n')[0]).toContain('published_at');
  expect(Number(plain.headers()['x-row-count'])).toBeGreaterThan(200);
  // Playwright undoes one layer of compression: a second layer would leave binary here.
  expect(await gzipped.text()).toBe(text);
  const brotli = await request.get(url, { headers: { 'accept-encoding': 'br' } });
  expect(brotli.headers()['content-encoding']).toBe('br');
  expect(await brotli.text()).toBe(text);
});

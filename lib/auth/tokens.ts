import crypto from 'node:crypto';

/** A random secret for a cookie or a bearer header: 32 bytes, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a secret. The secrets are 256-bit random values, so a plain SHA-256
 * suffices (no salt or stretching needed, unlike passwords) and lookups stay a single index probe.
 */
export function digest(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('base64url');
}

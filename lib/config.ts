import { Cron } from 'croner';
import { z } from 'zod';
import { parseTrustedProxies, TrustedProxiesError } from './auth/forwarded-for';

/**
 * Every setting chipwatch reads from the environment, validated once. A bad value fails loudly at
 * start-up with the variable's name, instead of surfacing later as a strange fetch or query error.
 */
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// A schedule croner cannot parse must stop start-up, not surface as a worker that silently never runs a job.
const cron = (fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .refine(
      (expr) => {
        try {
          new Cron(expr, { paused: true }).stop();
          return true;
        } catch {
          return false;
        }
      },
      { error: (iss) => `not a cron expression croner understands: ${JSON.stringify(iss.input)} (for example "*/5 * * * *")` },
    );

const url = (protocols: string[], what: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be ${what}` },
  );

// Parsed once here, so a typo stops start-up instead of trusting the wrong hosts (or nobody) quietly.
const trustedProxies = z
  .string()
  .default('')
  .transform((spec, ctx) => {
    try {
      return parseTrustedProxies(spec);
    } catch (err) {
      if (!(err instanceof TrustedProxiesError)) throw err;
      ctx.issues.push({ code: 'custom', message: err.message, input: spec });
      return z.NEVER;
    }
  });

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/chipwatch.db'),
  CHIPWATCH_POLL_MINUTES: positiveInt(30),
  CHIPWATCH_ALLOW_PRIVATE_FEEDS: flag,
  CHIPWATCH_FETCH_TIMEOUT_MS: positiveInt(20_000),
  CHIPWATCH_MAX_FEED_BYTES: positiveInt(15 * 1024 * 1024),
  CHIPWATCH_FETCH_CONCURRENCY: positiveInt(4),
  CHIPWATCH_INGEST_CRON: cron('* * * * *'),
  // Exposure also updates after every ingest that stored something; this run carries the series to a new day.
  CHIPWATCH_EXPOSURE_CRON: cron('10 0 * * *'),
  // Digests go out when a subscriber's local hour has passed: checking every few minutes is enough.
  CHIPWATCH_DIGEST_CRON: cron('*/5 * * * *'),
  // Alerts are also checked right after every ingest that stored something.
  CHIPWATCH_ALERT_CRON: cron('*/5 * * * *'),
  // Unset: messages are written as .eml files to CHIPWATCH_OUTBOX_DIR instead of being sent.
  SMTP_URL: url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL, such as smtps://user:pass@mail.example.com:465').optional(),
  CHIPWATCH_OUTBOX_DIR: z.string().min(1).default('data/outbox'),
  DIGEST_FROM: z.string().min(3).default('chipwatch <digests@chipwatch.localhost>'),
  // Where links in emails point (the dashboard as subscribers reach it).
  APP_URL: url(['http:', 'https:'], 'an http:// or https:// URL, such as https://chipwatch.example.com').optional(),
  PORT: positiveInt(3000),
  // Peers whose X-Forwarded-For / X-Forwarded-Proto jobs/serve.ts believes; empty: the socket decides alone.
  CHIPWATCH_TRUSTED_PROXIES: trustedProxies,
  // How long a sign-in lasts; the user signs in again after it (7 days by default).
  CHIPWATCH_SESSION_HOURS: positiveInt(168),
  // The account the first start creates when the database has none.
  CHIPWATCH_ADMIN_EMAIL: z.email().default('admin@chipwatch.local'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof envSchema>, 'APP_URL'> & { APP_URL: string };

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // Treat empty strings as unset so `FOO= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  return { ...parsed.data, APP_URL: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, '') };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

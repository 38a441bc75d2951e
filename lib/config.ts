import { z } from 'zod';

/**
 * Every setting chipwatch reads from the environment, validated once. A bad value fails loudly at
 * start-up with the variable's name, instead of surfacing later as a strange fetch or query error.
 */
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/chipwatch.db'),
  CHIPWATCH_POLL_MINUTES: positiveInt(30),
  CHIPWATCH_ALLOW_PRIVATE_FEEDS: flag,
  CHIPWATCH_FETCH_TIMEOUT_MS: positiveInt(20_000),
  CHIPWATCH_MAX_FEED_BYTES: positiveInt(15 * 1024 * 1024),
  CHIPWATCH_FETCH_CONCURRENCY: positiveInt(4),
  CHIPWATCH_INGEST_CRON: z.string().min(1).default('* * * * *'),
  // Exposure also updates after every ingest that stored something; this run carries the series to a new day.
  CHIPWATCH_EXPOSURE_CRON: z.string().min(1).default('10 0 * * *'),
  PORT: positiveInt(3000),
  // How long a sign-in lasts; the user signs in again after it (7 days by default).
  CHIPWATCH_SESSION_HOURS: positiveInt(168),
  // The account the first start creates when the database has none.
  CHIPWATCH_ADMIN_EMAIL: z.email().default('admin@chipwatch.local'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // Treat empty strings as unset so `FOO= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  return parsed.data;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

import pino from 'pino';

/**
 * Structured logs (JSON lines) go to stderr so that CLI commands keep stdout for their output
 * (JSON, OPML). Level from LOG_LEVEL; tests set it to 'silent'.
 */
export const log = pino(
  { level: process.env.LOG_LEVEL || 'info', base: { app: 'chipwatch' } },
  pino.destination({ fd: 2, sync: true }),
);

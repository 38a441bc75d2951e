import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are stored as UTC milliseconds since the epoch (drizzle maps them to Date objects).
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const FEED_KINDS = ['remote', 'sample'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const FEED_STATUSES = ['ok', 'not-modified', 'error'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

/**
 * One row per polled source. The fetch state lives on the row (as in Miniflux), so picking the due
 * feeds is one indexed query and a restart loses no backoff.
 */
export const feeds = sqliteTable(
  'feeds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    title: text('title'),
    siteUrl: text('site_url'),
    // 'sample' feeds come from the bundled archive: they are loaded by `demo`, never fetched.
    kind: text('kind', { enum: FEED_KINDS }).notNull().default('remote'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: timestamp('last_fetched_at'),
    lastStatus: text('last_status', { enum: FEED_STATUSES }),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextCheckAt: timestamp('next_check_at'),
    itemCount: integer('item_count').notNull().default(0),
    createdAt: timestamp('created_at')
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [uniqueIndex('feeds_url_unique').on(t.url), index('feeds_due_idx').on(t.enabled, t.nextCheckAt)],
);

/** One entry of one feed. Stored once per feed, identified by `dedupeKey` (guid, else link, else hash). */
export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    feedId: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull(),
    guid: text('guid'),
    url: text('url'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    // Only set when the feed sent markup, and only after sanitising.
    contentHtml: text('content_html'),
    publishedAt: timestamp('published_at').notNull(),
    // False when the feed gave no usable date and publishedAt is the time the item was first seen.
    dateFromFeed: integer('date_from_feed', { mode: 'boolean' }).notNull(),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    // Hash of title, summary, link and content: tells a changed item from a re-polled one.
    contentHash: text('content_hash').notNull(),
    // Tagger output; null until the tagger has judged the item (it runs at ingest).
    relevant: integer('relevant', { mode: 'boolean' }),
    relevance: real('relevance'),
    eventType: text('event_type'),
    severity: real('severity'),
    taggerVersion: text('tagger_version'),
    taggedAt: timestamp('tagged_at'),
    // The story cluster: the id of the cluster's first item (itself when it starts one). Null when irrelevant.
    clusterId: integer('cluster_id'),
  },
  (t) => [
    uniqueIndex('items_feed_dedupe_unique').on(t.feedId, t.dedupeKey),
    index('items_published_idx').on(t.publishedAt),
    // Feed and time ride along so the CSV export reads a cluster's reports from the index alone,
    // without a lookup of each (large) item row.
    index('items_cluster_idx').on(t.clusterId, t.feedId, t.publishedAt),
    // The events explorer's "most severe first": walked in order, so a page never sorts every event.
    index('items_severity_idx').on(t.severity, t.publishedAt),
  ],
);

export const TAG_KINDS = ['company', 'country'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
export const TAG_SOURCES = ['auto', 'manual'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

/**
 * Companies and countries attached to an item. Auto rows are rewritten on every re-tag; manual rows
 * never are. A manual row with removed = true hides the auto tag of the same value, so an
 * analyst's removal survives re-tagging too.
 */
export const itemTags = sqliteTable(
  'item_tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TAG_KINDS }).notNull(),
    value: text('value').notNull(),
    source: text('source', { enum: TAG_SOURCES }).notNull(),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    matchedText: text('matched_text'),
    field: text('field', { enum: ['title', 'summary'] }),
    offset: integer('offset'),
  },
  (t) => [
    uniqueIndex('item_tags_unique').on(t.itemId, t.kind, t.value, t.source),
    index('item_tags_value_idx').on(t.kind, t.value),
    // Only the rows marked removed (analysts' removals): few, and ingest, which writes
    // removed = 0, never touches it. A probe here tells whether a tag read from
    // item_tags_unique is removed without a lookup of the table row (lib/queries/event-csv-details.ts).
    index('item_tags_removed_idx').on(t.itemId, t.kind, t.value, t.source).where(sql`${t.removed} = 1`),
  ],
);

/** Cross-process mutual exclusion for jobs (ingest, ...). A row is a held lock. */
export const jobLocks = sqliteTable('job_locks', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  pid: integer('pid').notNull(),
  host: text('host').notNull(),
  acquiredAt: timestamp('acquired_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

export const JOB_RUN_STATUSES = ['running', 'ok', 'error', 'abandoned'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/** One row per job run: what ran, when, how it ended and what it counted. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
    status: text('status', { enum: JOB_RUN_STATUSES }).notNull(),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>(),
    error: text('error'),
  },
  (t) => [index('job_runs_job_started_idx').on(t.job, t.startedAt)],
);

/**
 * Lookup index for story clustering: one row per (item, event type × company) — or × country when
 * the item names no company. Finding the earlier reports that share a type and a company within a
 * few days is then a range scan, not a comparison with every item of the week.
 */
export const clusterKeys = sqliteTable(
  'cluster_keys',
  {
    key: text('key').notNull(),
    publishedAt: integer('published_at').notNull(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.key, t.publishedAt, t.itemId] }), index('cluster_keys_item_idx').on(t.itemId)],
);

export type Feed = typeof feeds.$inferSelect;
export type NewFeed = typeof feeds.$inferInsert;
export type Item = typeof items.$inferSelect;
export type JobRun = typeof jobRuns.$inferSelect;
export type ItemTag = typeof itemTags.$inferSelect;

/**
 * Exposure (lib/exposure). An event is a story cluster (its id is the cluster id) with the facts the
 * score needs, kept in step with items and tags by the exposure update so the score, the ledger and
 * the pages read one small table instead of regrouping items each time.
 */
export const exposureEvents = sqliteTable(
  'exposure_events',
  {
    id: integer('id').primaryKey(),
    // UTC calendar day of the first report, YYYY-MM-DD.
    day: text('day').notNull(),
    eventType: text('event_type').notNull(),
    severity: real('severity').notNull(),
    // How many feeds carried the story.
    sources: integer('sources').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    // The event's countries (exposure_event_entities, kind 'country') as sorted codes joined by
    // commas, '' for none; kept by lib/exposure/sync-events.ts. A copy, so the reach index below
    // can tell which companies an event reaches through a country without a probe per event.
    countries: text('countries').notNull().default(''),
    // Likewise the companies it names, as sorted `id=title` or `id=body` joined by commas (how
    // exposure_event_entities has them, a missing `named` as body): a company named by tens of
    // thousands of events is then found by the same index read, not by a table row per event.
    companies: text('companies').notNull().default(''),
  },
  (t) => [
    index('exposure_events_day_idx').on(t.day),
    // A ledger on one day reads, per type, only the events within that type's decay horizon.
    index('exposure_events_type_day_idx').on(t.eventType, t.day),
    // Covers everything a ledger on a past day needs of an event except its title
    // (lib/exposure/reaching-events.ts): the ~60,000 events counting on a day at a million items
    // are read from this index alone instead of a table row and an entities probe each.
    index('exposure_events_reach_idx').on(t.eventType, t.day, t.severity, t.sources, t.countries, t.companies),
  ],
);

export const EXPOSURE_ROUTES = ['title', 'body', 'country'] as const;
export type ExposureRoute = (typeof EXPOSURE_ROUTES)[number];

/** The companies and countries of an event, after analysts' corrections; a company's `named` says where. */
export const exposureEventEntities = sqliteTable(
  'exposure_event_entities',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => exposureEvents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TAG_KINDS }).notNull(),
    value: text('value').notNull(),
    // For companies: named in a title, or only in a body (or added by an analyst). Null for countries.
    named: text('named', { enum: ['title', 'body'] }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind, t.value] }), index('exposure_event_entities_value_idx').on(t.kind, t.value, t.eventId)],
);

/** A company's daily score (0–100), the raw ledger sum behind it, and support (investment) beside it. */
export const companyExposureDaily = sqliteTable(
  'company_exposure_daily',
  {
    companyId: text('company_id').notNull(),
    day: text('day').notNull(),
    score: real('score').notNull(),
    raw: real('raw').notNull(),
    support: real('support').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.day] })],
);

/** A country's daily policy-pressure index (0–100) and the raw sum behind it. */
export const countryPressureDaily = sqliteTable(
  'country_pressure_daily',
  {
    country: text('country').notNull(),
    day: text('day').notNull(),
    index: real('index').notNull(),
    raw: real('raw').notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.day] })],
);

/**
 * "My suppliers": the companies a team follows. One list per installation for now; accounts
 * (issue 6) decide who may change it.
 */
export const watchlistEntries = sqliteTable('watchlist_entries', {
  companyId: text('company_id').primaryKey(),
  // The name as the team's own supplier list spells it, when it came from an upload.
  supplierName: text('supplier_name'),
  source: text('source', { enum: ['manual', 'csv'] }).notNull(),
  addedAt: timestamp('added_at').notNull(),
});

/** Uploaded supplier names that matched no company yet, kept until someone maps or dismisses them. */
export const watchlistUnmatched = sqliteTable('watchlist_unmatched', {
  name: text('name').primaryKey(),
  // The other columns of the uploaded row (country, notes), as the user gave them.
  details: text('details'),
  uploadedAt: timestamp('uploaded_at').notNull(),
});

/**
 * Companies added by analysts (for suppliers the bundled gazetteer lacks). The tagger merges them
 * with data/companies.json, so new and re-tagged items find them.
 */
export const customCompanies = sqliteTable('custom_companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  segment: text('segment').notNull(),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull(),
  hq: text('hq').notNull(),
  sites: text('sites', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const DIGEST_CADENCES = ['daily', 'weekly'] as const;
export type DigestCadence = (typeof DIGEST_CADENCES)[number];

/**
 * Email digests (lib/digest). One subscription per address: the CLI and the unsubscribe link name a
 * subscriber by address or token. Filters mean what the events explorer's filters mean, so the
 * digest's dashboard link shows the same events. Unsubscribing keeps the row (the link must keep
 * answering, and the delivery history stays readable); subscribing again reactivates it.
 */
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Stored lower-cased: the unique index then treats Ops@x.com and ops@x.com as one subscriber.
    email: text('email').notNull(),
    cadence: text('cadence', { enum: DIGEST_CADENCES }).notNull(),
    // Local hour (0–23) at which a period ends and its digest is sent; weekly digests on `weekday` (1 = Monday … 7 = Sunday).
    hour: integer('hour').notNull(),
    weekday: integer('weekday').notNull().default(1),
    timeZone: text('time_zone').notNull(),
    companies: text('companies', { mode: 'json' }).$type<string[]>().notNull(),
    useWatchlist: integer('use_watchlist', { mode: 'boolean' }).notNull().default(false),
    countries: text('countries', { mode: 'json' }).$type<string[]>().notNull(),
    region: text('region'),
    eventTypes: text('event_types', { mode: 'json' }).$type<string[]>().notNull(),
    minSeverity: real('min_severity'),
    sendWhenEmpty: integer('send_when_empty', { mode: 'boolean' }).notNull().default(false),
    // Alerts: null turns each kind off.
    alertScoreRise: real('alert_score_rise'),
    alertMinSeverity: real('alert_min_severity'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    // Who created it from the dashboard; null when it came from the CLI or its owner was removed.
    // An analyst may change only their own; one without an owner, only an admin (lib/actions/authorise.ts).
    ownerUserId: integer('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    unsubscribeToken: text('unsubscribe_token').notNull(),
    unsubscribedAt: timestamp('unsubscribed_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('digest_subscriptions_email_unique').on(t.email),
    uniqueIndex('digest_subscriptions_token_unique').on(t.unsubscribeToken),
    index('digest_subscriptions_owner_idx').on(t.ownerUserId),
  ],
);

export const DELIVERY_KINDS = ['digest', 'alert'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/**
 * sending: claimed, the message is being handed to the transport (or the sender died meanwhile);
 * sent: the transport accepted it; empty: the period had nothing and the subscriber asked for no
 * "nothing new" mail; failed: refused, retried after `nextAttemptAt`; uncertain: a sender died
 * between claiming and recording the outcome, so it is not resent without a person deciding.
 */
export const DELIVERY_STATUSES = ['sending', 'sent', 'empty', 'failed', 'uncertain'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One row per (subscription, kind, key): a digest's period or an alert's event or rise. The unique key is what makes delivery exactly-once. */
export const digestDeliveries = sqliteTable(
  'digest_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    // "daily:2026-11-24" (a period, by the local date it ends), "rise:micron:2026-11-24", "event:123".
    key: text('key').notNull(),
    periodStart: timestamp('period_start'),
    periodEnd: timestamp('period_end'),
    // Derived from the row's identity before the first attempt and never changed: every attempt carries the same one.
    messageId: text('message_id').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at'),
    eventCount: integer('event_count'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    uniqueIndex('digest_deliveries_key_unique').on(t.subscriptionId, t.kind, t.key),
    index('digest_deliveries_status_idx').on(t.status, t.nextAttemptAt),
  ],
);

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;
export type DigestDelivery = typeof digestDeliveries.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Accounts (issue 6). Secrets are never stored: passwords as scrypt hashes, session and API tokens
// as SHA-256 digests, so a copy of the database file does not let anyone sign in.

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Stored lower-cased and trimmed, so sign-in and uniqueness ignore case.
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** A signed-in browser. The cookie holds the token; only its digest is kept here. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expiry_idx').on(t.expiresAt)],
);

/** Read-only tokens for integrations, sent as `Authorization: Bearer <token>`. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The first characters of the token, shown in /settings so a user can tell tokens apart.
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins, keyed by account (`email:<address>`) and by client (`ip:<address>`). Kept in
 * the database rather than memory so a restart does not reset the count an attacker has used up.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('login_failures_key_idx').on(t.key, t.at)],
);

/** Who changed what: feeds, tags, users, subscriptions, tokens. Written by the change itself. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: timestamp('at').notNull(),
    // Null when the change came from the CLI or the first start; `actor` then says which.
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    // The actor's e-mail at the time (kept when the user is later removed), or `cli`, `first-start`.
    actor: text('actor').notNull(),
    // `feed.add`, `tag.remove`, `user.role`, …: `<subject>.<verb>`.
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/*
 * What the exposure job stores for pages to read (docs/exposure.md, "Stored for the pages"). At a
 * million items a company's ledger has tens of thousands of rows, too many to recompute on every
 * request, so the job keeps, per company, the ledger day's numbers: the biggest rows plus one
 * remainder row, the breakdowns, the 30-day changes and the chart's markers. Readers use them
 * only when asked about the day they were computed for, and compute anything else on demand.
 */

/** One row per company: the day the stored ledger is for, and the totals its rows add up to. */
export const companySnapshots = sqliteTable('company_snapshots', {
  companyId: text('company_id').primaryKey(),
  // The ledger day, YYYY-MM-DD: the latest day the job computed.
  day: text('day').notNull(),
  score: real('score').notNull(),
  raw: real('raw').notNull(),
  // How many rows the whole risk ledger has (the stored top rows plus those the remainder stands for).
  riskRows: integer('risk_rows').notNull(),
  supportScore: real('support_score').notNull(),
  supportRaw: real('support_raw').notNull(),
  supportRows: integer('support_rows').notNull(),
  // The start of the "biggest changes" window (30 days before `day`) and the score then.
  changeFrom: text('change_from').notNull(),
  scoreBefore: real('score_before').notNull(),
  // The first day of the range the stored chart markers were chosen over (the pages' default range).
  markersFrom: text('markers_from').notNull(),
});

export const LEDGER_KINDS = ['risk', 'support'] as const;

/**
 * The biggest rows of a company's risk and support ledgers on the snapshot day, by rank, and after
 * them one remainder row (event_id null) whose raw and contribution are the sums of all the others
 * and whose `rows` says how many it stands for: stored rows always add up to the score.
 */
export const companyLedgerRows = sqliteTable(
  'company_ledger_rows',
  {
    companyId: text('company_id').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    rank: integer('rank').notNull(),
    eventId: integer('event_id'),
    title: text('title').notNull(),
    eventDay: text('event_day').notNull(),
    eventType: text('event_type'),
    route: text('route'),
    country: text('country'),
    presence: text('presence'),
    typeWeight: real('type_weight'),
    severity: real('severity'),
    confidence: real('confidence'),
    routeWeight: real('route_weight'),
    decay: real('decay'),
    raw: real('raw').notNull(),
    contribution: real('contribution').notNull(),
    rows: integer('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.kind, t.rank] })],
);

export const BREAKDOWN_DIMENSIONS = ['country', 'type'] as const;

/** A company's snapshot-day score split by country and by event type (each split sums to the score). */
export const companyBreakdowns = sqliteTable(
  'company_breakdowns',
  {
    companyId: text('company_id').notNull(),
    by: text('by', { enum: BREAKDOWN_DIMENSIONS }).notNull(),
    // A country code ('' for events naming none) or an event type.
    key: text('key').notNull(),
    contribution: real('contribution').notNull(),
    rows: integer('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.by, t.key] })],
);

/** The events that moved a company's score most over the 30 days to the snapshot day, by rank, then one remainder row. */
export const companyChanges = sqliteTable(
  'company_changes',
  {
    companyId: text('company_id').notNull(),
    rank: integer('rank').notNull(),
    eventId: integer('event_id'),
    title: text('title').notNull(),
    eventDay: text('event_day').notNull(),
    eventType: text('event_type'),
    route: text('route'),
    country: text('country'),
    presence: text('presence'),
    before: real('before').notNull(),
    after: real('after').notNull(),
    change: real('change').notNull(),
    rows: integer('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.rank] })],
);

/** The chart markers of a company's default range (the year to the snapshot day): the events that added most on their day. */
export const companyMarkers = sqliteTable(
  'company_markers',
  {
    companyId: text('company_id').notNull(),
    rank: integer('rank').notNull(),
    eventId: integer('event_id').notNull(),
    day: text('day').notNull(),
    title: text('title').notNull(),
    eventType: text('event_type').notNull(),
    score: real('score').notNull(),
    jump: real('jump').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.rank] })],
);

/**
 * Events per calendar month (YYYY-MM) by event type and by broad region (an event touching two
 * regions counts in both), for the overview's charts; kept in step by the exposure job.
 */
export const monthlyEventCounts = sqliteTable(
  'monthly_event_counts',
  {
    by: text('by', { enum: ['type', 'region'] }).notNull(),
    month: text('month').notNull(),
    key: text('key').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.by, t.month, t.key] })],
);

/**
 * Items per calendar month (YYYY-MM, UTC, by published_at), kept by triggers on items (custom
 * migration "item-month-counts") so every insert, delete and re-dated item is counted, whoever
 * writes it: ingest, feed removal, the demo loader.
 */
export const monthlyItemCounts = sqliteTable('monthly_item_counts', {
  month: text('month').primaryKey(),
  items: integer('items').notNull(),
});

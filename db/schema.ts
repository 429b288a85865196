import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Polygon, MultiPolygon } from 'geojson';

export const channel = pgEnum('channel', ['web', 'phone', 'counter', 'api']);
export const severity = pgEnum('severity', ['high', 'medium', 'low']);
export const stateType = pgEnum('state_type', ['open', 'resolved', 'closed']);
export const role = pgEnum('role', ['admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent', 'elected']);
export const actorType = pgEnum('actor_type', ['resident', 'staff', 'system']);

/** The states the code moves reports between; their labels and order are editable rows of report_states. */
export const STATE_KEYS = ['new', 'acknowledged', 'in_progress', 'reopened', 'resolved', 'rejected', 'duplicate'] as const;
export type StateKey = (typeof STATE_KEYS)[number];
/** What each state means; seeded into report_states.type so that SQL can filter by it. */
export const STATE_TYPES = {
  new: 'open',
  acknowledged: 'open',
  in_progress: 'open',
  reopened: 'open',
  resolved: 'resolved',
  rejected: 'closed',
  duplicate: 'closed',
} as const satisfies Record<StateKey, (typeof stateType.enumValues)[number]>;

/** Kinds of history entry; each has its typed payload in lib/reports/events.ts and its label in the timeline. */
export const EVENT_KINDS = [
  'created',
  'state_changed',
  'reopened',
  'severity_changed',
  'assigned',
  'planned',
  'transferred',
  'relocated',
  'duplicate_linked',
  'follower_added',
  'note',
  'comment',
  'contact_erased',
  'letter_posted',
  'published',
  'public_text_edited',
  'photo_hidden',
  'photo_redacted',
  'report_hidden',
  'report_shown',
  'sender_marked',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** `state_key in ('new', …)`, with literal keys so that the planner can match the partial indexes' predicate. */
export const OPEN_STATES_SQL = (column: unknown) =>
  inList(
    column,
    STATE_KEYS.filter((key) => STATE_TYPES[key] === 'open'),
  );

/** Not hidden by staff: the public sees the report at all (map, lists, pages, open data). */
export const NOT_HIDDEN_SQL = (hiddenAt: unknown) => sql`${hiddenAt} is null`;

function inList(column: unknown, values: readonly string[]) {
  return sql`${column} in (${sql.join(
    values.map((v) => sql.raw(`'${v}'`)),
    sql`, `,
  )})`;
}

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

// The 7 pôles de proximité: the teams that act on reports, each for a set of communes.
export const poles = pgTable('poles', {
  id: text().primaryKey(),
  name: text().notNull(),
  color: text().notNull(),
  address: text(),
  isAssumption: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

// The 21 communes of the Métropole with their IGN polygon; a point is routed by the polygon it falls in.
export const communes = pgTable(
  'communes',
  {
    insee: text().primaryKey(),
    name: text().notNull(),
    poleId: text()
      .notNull()
      .references(() => poles.id),
    geometry: jsonb().$type<Polygon | MultiPolygon>().notNull(),
    /** The town hall's reception desk, where residents may report in person: filled in by the administrator. */
    deskAddress: text(),
    deskHours: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [check('communes_insee_format', sql`${t.insee} ~ '^[0-9][0-9AB][0-9]{3}$'`)],
);

// Kinds of anomaly, editable by the administrator.
export const categories = pgTable(
  'categories',
  {
    slug: text().primaryKey(),
    name: text().notNull(),
    color: text().notNull(),
    icon: text().notNull(),
    isActive: boolean().notNull().default(true),
    defaultSeverity: severity().notNull().default('medium'),
    /** The solution text a pôle starts from when resolving a report of this category; edited by the administrator. */
    resolutionTemplate: text(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('categories_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('categories_color_format', sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
  ],
);

// Lifecycle states of a report: a fixed set of keys (the transitions table moves between them), editable labels and order.
export const reportStates = pgTable(
  'report_states',
  {
    key: text({ enum: STATE_KEYS }).primaryKey(),
    label: text().notNull(),
    type: stateType().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [check('report_states_key_known', inList(t.key, STATE_KEYS))],
);

// How long each severity gives the pôle, in working days (French public holidays excluded); editable data.
export const severityLevels = pgTable(
  'severity_levels',
  {
    key: severity().primaryKey(),
    label: text().notNull(),
    workingDays: smallint().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [check('severity_levels_working_days', sql`${t.workingDays} between 1 and 30`)],
);

// Staff accounts; a role scoped to a pôle (pole_manager) or a commune (town_hall_agent) where it applies.
export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull().unique(),
    name: text().notNull(),
    /** argon2id; null for an account that only signs in through the métropole's SSO. */
    passwordHash: text(),
    role: role().notNull(),
    poleId: text().references(() => poles.id),
    communeInsee: text().references(() => communes.insee),
    isActive: boolean().notNull().default(true),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_pole_scope', sql`(${t.role} = 'pole_manager') = (${t.poleId} is not null)`),
    check('users_commune_scope', sql`(${t.role} = 'town_hall_agent') = (${t.communeInsee} is not null)`),
  ],
);

// Yearly counters behind the public references PC-YYYY-NNNNNN.
export const referenceCounters = pgTable('reference_counters', {
  year: integer().primaryKey(),
  last: integer().notNull().default(0),
});

// A report of an anomaly on the public space; reporter_* columns are personal data, staff only.
export const reports = pgTable(
  'reports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reference: text().notNull().unique(),
    categorySlug: text()
      .notNull()
      .references(() => categories.slug),
    description: text().notNull(),
    lon: doublePrecision().notNull(),
    lat: doublePrecision().notNull(),
    address: text(),
    communeInsee: text()
      .notNull()
      .references(() => communes.insee),
    poleId: text()
      .notNull()
      .references(() => poles.id),
    channel: channel().notNull(),
    stateKey: text({ enum: STATE_KEYS })
      .notNull()
      .references(() => reportStates.key),
    severity: severity().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** The person of the pôle in charge, if any. */
    assigneeUserId: integer().references(() => users.id),
    /** « Intervention prévue le … »: a date, not a state. */
    plannedFor: date({ mode: 'string' }),
    /** The staff member who keyed the report in (phone, counter); null for residents' own reports. */
    intakeUserId: integer().references(() => users.id),
    /** Set on a report marked duplicate: its people follow the original and get the original's outcome. */
    duplicateOfId: bigint({ mode: 'number' }).references((): AnyPgColumn => reports.id),
    /** The solution text given on resolution, or the reason of a rejection: what the letter tells the reporter. */
    outcome: text(),
    /** Rises with every change: an update names the version it read, so of two people acting at once exactly one wins. */
    version: integer().notNull().default(0),
    acknowledgedAt: timestamp({ withTimezone: true }),
    isNearBorder: boolean().notNull().default(false),
    isLocationToConfirm: boolean().notNull().default(false),
    wantsNoReply: boolean().notNull().default(false),
    /** sha256 of the secret of the reporter's private follow-up link. */
    trackingTokenHash: text(),
    reporterName: text(),
    reporterEmail: text(),
    reporterPhone: text(),
    reporterAddress: text(),
    idempotencyKey: text().unique(),
    /** The hashed sender keys the rate limit counted (address, mailbox): what staff mark when a sender abuses. */
    senderKeys: text().array(),
    /** When staff published the description and photos (moderation); null = still being checked, never public. */
    publishedAt: timestamp({ withTimezone: true }),
    /** The description as published when staff edited it; the original stays in `description`, staff-only. */
    publicDescription: text(),
    /** When staff hid the whole report from the public (map, lists, pages, exports): it answers as missing. */
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('reports_reference_format', sql`${t.reference} ~ '^PC-[0-9]{4}-[0-9]{6}$'`),
    check('reports_lon_range', sql`${t.lon} between -180 and 180`),
    check('reports_lat_range', sql`${t.lat} between -90 and 90`),
    index('reports_lon_lat_idx').on(t.lon, t.lat),
    index('reports_pole_state_idx').on(t.poleId, t.stateKey),
    index('reports_category_idx').on(t.categorySlug),
    index('reports_pole_created_idx').on(t.poleId, t.createdAt, t.id),
    index('reports_created_idx').on(t.createdAt, t.id),
    // The inbox works mostly on open reports (a few % of the table): small partial indexes serve its default view,
    // its « échéance » order and its overdue count. The predicate is written as queries write it (OPEN_STATES_SQL).
    index('reports_open_created_idx').on(t.createdAt, t.id).where(OPEN_STATES_SQL(t.stateKey)),
    index('reports_open_pole_due_idx').on(t.poleId, t.dueAt, t.id).where(OPEN_STATES_SQL(t.stateKey)),
    // The counts per open state of a pôle's view, its filters included, read from the index alone.
    index('reports_open_counts_idx')
      .on(t.poleId, t.stateKey, t.dueAt, t.categorySlug, t.severity, t.channel, t.communeInsee, t.assigneeUserId, t.plannedFor)
      .where(OPEN_STATES_SQL(t.stateKey)),
    // The key figures of a period read from this index alone (an index-only scan of a year, no table access).
    index('reports_figures_idx').on(
      t.createdAt,
      t.channel,
      t.categorySlug,
      t.poleId,
      t.communeInsee,
      t.stateKey,
      t.severity,
      t.dueAt,
      t.resolvedAt,
      t.acknowledgedAt,
    ),
    // The public list (/signalements), a keyset page and a capped count per state branch, its filters read from the
    // index itself (index-only scans): open reports by date; resolved ones by resolution date, the last 30 days.
    index('reports_public_open_idx')
      .on(t.createdAt, t.id, t.categorySlug, t.communeInsee, t.lon, t.lat)
      .where(sql`${OPEN_STATES_SQL(t.stateKey)} and ${NOT_HIDDEN_SQL(t.hiddenAt)}`),
    index('reports_public_resolved_idx')
      .on(t.resolvedAt, t.createdAt, t.id, t.categorySlug, t.communeInsee, t.lon, t.lat)
      .where(sql`${t.stateKey} = 'resolved' and ${NOT_HIDDEN_SQL(t.hiddenAt)}`),
    index('reports_assignee_idx').on(t.assigneeUserId),
    // « À modérer »: the few reports whose description and photos wait for a check, per pôle, oldest first.
    index('reports_to_moderate_idx')
      .on(t.poleId, t.createdAt, t.id)
      .where(sql`${t.publishedAt} is null and ${t.hiddenAt} is null`),
    index('reports_duplicate_of_idx').on(t.duplicateOfId),
  ],
);

// The audit trail of a report: every change with who, when, from/to, why; public entries form the resident's timeline.
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text({ enum: EVENT_KINDS }).notNull(),
    actorType: actorType().notNull(),
    actorUserId: integer().references(() => users.id),
    /** The actor's role when they acted (a role may change later). */
    actorRole: role(),
    /** The report's pôle when the event happened: the public timeline names it instead of a person. */
    poleId: text()
      .notNull()
      .references(() => poles.id),
    fromState: text({ enum: STATE_KEYS }).references(() => reportStates.key),
    toState: text({ enum: STATE_KEYS }).references(() => reportStates.key),
    fromPoleId: text().references(() => poles.id),
    toPoleId: text().references(() => poles.id),
    /** Free text a person wrote: a reason, a note, a comment, a solution. */
    reason: text(),
    /** The kind's typed details (severity from/to, planned date, assignee, original's reference…). */
    data: jsonb().$type<Record<string, unknown>>(),
    isPublic: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('report_events_report_idx').on(t.reportId, t.createdAt),
    // The dashboard's reopen rate asks, of every report of a period, whether it was ever reopened: a rare event.
    index('report_events_reopened_idx')
      .on(t.reportId)
      .where(sql`${t.kind} = 'reopened'`),
    check('report_events_kind_known', inList(t.kind, EVENT_KINDS)),
    check(
      'report_events_actor_typed',
      sql`(${t.actorType} = 'staff') = (${t.actorUserId} is not null and ${t.actorRole} is not null)`,
    ),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const PHOTO_KINDS = ['resident', 'resolution'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

// Photos of a report, re-encoded on intake (JPEG, ≤ 2048 px, no EXIF); stored with the report in one transaction.
// A resident's photo is public once the report is published (moderation); a « service fait » photo (kind
// 'resolution', taken by staff on resolving) is public at once.
export const reportPhotos = pgTable(
  'report_photos',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    kind: text({ enum: PHOTO_KINDS }).notNull().default('resident'),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    /** What is served: the photo as received, or as redacted by staff. */
    bytes: bytea().notNull(),
    /** Before a redaction: the photo as received, staff-only; null when never redacted or deleted by setting. */
    originalBytes: bytea(),
    redactedAt: timestamp({ withTimezone: true }),
    /** When staff hid this photo from the public. */
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('report_photos_report_idx').on(t.reportId, t.position),
    check('report_photos_kind_known', inList(t.kind, PHOTO_KINDS)),
  ],
);

// Residents who said « C'est le même problème »: they follow an existing report and get its outcome.
export const reportFollowers = pgTable(
  'report_followers',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    name: text(),
    email: text(),
    postalAddress: text(),
    trackingTokenHash: text().notNull(),
    idempotencyKey: text().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('report_followers_report_idx').on(t.reportId)],
);

// Window counters of submissions per hashed sender (IP or e-mail), shared by every app instance.
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const SENDER_MARKS = ['moderate', 'refuse'] as const;
export type SenderMark = (typeof SENDER_MARKS)[number];

// Senders staff marked for abuse, by the hashed key the rate limit uses (never the address itself): their next
// reports always wait for moderation ('moderate') or are refused with a neutral message ('refuse').
export const senderMarks = pgTable(
  'sender_marks',
  {
    key: text().primaryKey(),
    mark: text({ enum: SENDER_MARKS }).notNull(),
    reason: text().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('sender_marks_mark_known', inList(t.mark, SENDER_MARKS))],
);

// « Ma tournée »: the reports a person of a pôle plans to visit in one round, in visiting order.
export const roundStops = pgTable(
  'round_stops',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Whose round this is (a manager may prepare it for a person of their pôle). */
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    addedByUserId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('round_stops_user_report_idx').on(t.userId, t.reportId),
    index('round_stops_user_position_idx').on(t.userId, t.position),
  ],
);

// Installation-wide values generated once (e.g. the secret behind follow-up links when TRACKING_SECRET is unset).
export const appSettings = pgTable('app_settings', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: createdAt(),
});

/** What a message tells its recipient; each has its wording in lib/notifications/messages.ts. */
export const NOTIFICATION_KINDS = [
  'acknowledgement',
  'follow_acknowledgement',
  'transfer',
  'duplicate',
  'reopening',
  'resolution',
  'rejection',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** pending: to send (e-mail) or to print (letter); sending: claimed by a worker until locked_until; sent: accepted by
 * the SMTP server, or posted; failed: given up, retryable by an administrator; cancelled: the recipient's contact data
 * was erased before it left. */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const notificationChannel = pgEnum('notification_channel', ['email', 'post']);

// A day's letters of one pôle, printed together as one PDF, then marked as posted.
export const letterBatches = pgTable(
  'letter_batches',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poleId: text()
      .notNull()
      .references(() => poles.id),
    letterCount: integer().notNull(),
    createdByUserId: integer()
      .notNull()
      .references(() => users.id),
    postedAt: timestamp({ withTimezone: true }),
    postedByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('letter_batches_pole_idx').on(t.poleId, t.createdAt)],
);

// The transactional outbox: every message is a row written in the same transaction as the change that causes it, then
// delivered by a worker (e-mail) or printed in a pôle's batch (letter). It names its recipient (a report's reporter or
// one follower) instead of copying their address: contact data erased before delivery cancels the message.
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    channel: notificationChannel().notNull(),
    /** The report the message is about (where the event happened). */
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The event that caused it, whose text (a solution, a reason) the message carries. */
    eventId: bigint({ mode: 'number' }).references(() => reportEvents.id, { onDelete: 'cascade' }),
    /** The recipient: the reporter of this report, or (with follower_id) one of its followers. */
    recipientReportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    followerId: bigint({ mode: 'number' }).references(() => reportFollowers.id, { onDelete: 'cascade' }),
    status: text({ enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    /** What went wrong last, in words without personal data (an SMTP code, a category). */
    lastError: text(),
    subject: text(),
    batchId: bigint({ mode: 'number' }).references(() => letterBatches.id),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('outbox_messages_kind_known', inList(t.kind, NOTIFICATION_KINDS)),
    check('outbox_messages_status_known', inList(t.status, NOTIFICATION_STATUSES)),
    // The worker's claim: e-mails due or whose claim has lapsed.
    index('outbox_messages_due_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.channel} = 'email' and ${t.status} in ('pending', 'sending')`),
    // The pôles' print queues.
    index('outbox_messages_print_idx')
      .on(t.batchId, t.id)
      .where(sql`${t.channel} = 'post' and ${t.status} = 'pending'`),
    index('outbox_messages_report_idx').on(t.reportId),
    index('outbox_messages_recipient_idx').on(t.recipientReportId),
  ],
);

export type Pole = typeof poles.$inferSelect;
export type Commune = typeof communes.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type ReportState = typeof reportStates.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportEvent = typeof reportEvents.$inferSelect;
export type ReportPhoto = typeof reportPhotos.$inferSelect;
export type User = typeof users.$inferSelect;
export type SeverityLevel = typeof severityLevels.$inferSelect;
export type Severity = (typeof severity.enumValues)[number];
export type Role = (typeof role.enumValues)[number];
export type ActorType = (typeof actorType.enumValues)[number];
export type Channel = (typeof channel.enumValues)[number];
export type StateType = (typeof stateType.enumValues)[number];
export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type NotificationChannel = (typeof notificationChannel.enumValues)[number];

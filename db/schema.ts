import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
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
} from 'drizzle-orm/pg-core';
import type { Polygon, MultiPolygon } from 'geojson';

export const channel = pgEnum('channel', ['web', 'phone', 'counter', 'api']);
export const severity = pgEnum('severity', ['high', 'medium', 'low']);
export const stateType = pgEnum('state_type', ['open', 'resolved', 'closed']);
export const role = pgEnum('role', ['admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent', 'elected']);
export const eventKind = pgEnum('event_kind', [
  'created',
  'state_changed',
  'note',
  'transferred',
  'assigned',
  'reopened',
  'contact_erased',
]);

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
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('categories_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('categories_color_format', sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
  ],
);

// Lifecycle states of a report; code asks a state's type, never its key.
export const reportStates = pgTable('report_states', {
  key: text().primaryKey(),
  label: text().notNull(),
  type: stateType().notNull(),
  position: integer().notNull().default(0),
});

// Staff accounts; a role scoped to a pôle or a commune where it applies.
export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: role().notNull(),
  poleId: text().references(() => poles.id),
  communeInsee: text().references(() => communes.insee),
  isActive: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

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
    stateKey: text()
      .notNull()
      .references(() => reportStates.key),
    severity: severity().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
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
    kind: eventKind().notNull(),
    actorUserId: integer().references(() => users.id),
    actorLabel: text().notNull(),
    fromState: text().references(() => reportStates.key),
    toState: text().references(() => reportStates.key),
    fromPoleId: text().references(() => poles.id),
    toPoleId: text().references(() => poles.id),
    reason: text(),
    isPublic: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.createdAt)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

// Photos of a report, re-encoded on intake (JPEG, ≤ 2048 px, no EXIF); stored with the report in one transaction.
export const reportPhotos = pgTable(
  'report_photos',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('report_photos_report_idx').on(t.reportId, t.position)],
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

// Fixed-window counters of submissions per hashed sender (IP or e-mail), shared by every app instance.
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

// Installation-wide values generated once (e.g. the secret behind follow-up links when TRACKING_SECRET is unset).
export const appSettings = pgTable('app_settings', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: createdAt(),
});

export type Pole = typeof poles.$inferSelect;
export type Commune = typeof communes.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type ReportState = typeof reportStates.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportEvent = typeof reportEvents.$inferSelect;
export type ReportPhoto = typeof reportPhotos.$inferSelect;
export type Severity = (typeof severity.enumValues)[number];
export type Channel = (typeof channel.enumValues)[number];
export type StateType = (typeof stateType.enumValues)[number];

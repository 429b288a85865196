import 'server-only';
import { and, asc, eq, gt, sql, type AnyColumn } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, OPEN_STATES_SQL, poles, reports, reportStates, users } from '@/db/schema';
import { hasPermission, type StaffUser } from '@/lib/permissions';
import { CHANNEL_LABELS, SEVERITY_SHORT_LABELS } from '@/lib/reports/labels';
import { scopeWhere } from '@/lib/staff/scope';
import { CSV_BOM, csvRecord } from '@/lib/open-data/csv';
import { toStream } from '@/lib/open-data/export';
import { figuresWhere } from './aggregates';
import type { FigureFilters } from './filters';

// The dashboard's « Exporter (CSV) »: one line per report of the view that this person may read, streamed by keyset
// like the open data. Staff see what the report page shows them: the description and the address typed by the
// reporter; the reporter's contact data only where `reports.readContact` reaches (an elected official never gets it).

const BATCH = 2_000;
const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const when = (value: Date | null) => (value ? paris.format(value) : null);

/**
 * Text a resident typed, made inert for spreadsheets: a cell starting with =, +, -, @ or a control character would be
 * read as a formula by Excel or LibreOffice (CSV injection), so it is prefixed with an apostrophe.
 */
export function inertCell(value: string | null): string | null {
  return value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const HEADINGS = [
  'Référence',
  'Enregistré le',
  'Catégorie',
  'Commune',
  'Pôle',
  'Canal',
  'État',
  'Gravité',
  'Échéance',
  'En retard',
  'Pris en compte le',
  'Résolu le',
  'Chargé du suivi',
  'Adresse du lieu',
  'Description',
];
const CONTACT_HEADINGS = ['Nom de l’usager', 'Courriel de l’usager', 'Téléphone de l’usager', 'Adresse postale de l’usager'];

function readBatch(db: Db, staff: StaffUser, filters: FigureFilters, withContact: boolean, afterId: number, now: Date) {
  // Contact data only for the rows where this person's readContact reaches, decided in SQL row by row.
  const contact = (column: AnyColumn) =>
    withContact ? sql<string | null>`case when ${scopeWhere(staff, 'reports.readContact')} then ${column} end` : sql<null>`null`;
  return db
    .select({
      id: reports.id,
      reference: reports.reference,
      createdAt: reports.createdAt,
      category: categories.name,
      commune: communes.name,
      pole: poles.name,
      channel: reports.channel,
      state: reportStates.label,
      severity: reports.severity,
      dueAt: reports.dueAt,
      isOverdue: sql<boolean>`${OPEN_STATES_SQL(reports.stateKey)} and ${reports.dueAt} < ${now.toISOString()}::timestamptz`,
      acknowledgedAt: reports.acknowledgedAt,
      resolvedAt: reports.resolvedAt,
      assignee: users.name,
      address: reports.address,
      description: reports.description,
      name: contact(reports.reporterName),
      email: contact(reports.reporterEmail),
      phone: contact(reports.reporterPhone),
      postalAddress: contact(reports.reporterAddress),
    })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .leftJoin(users, eq(reports.assigneeUserId, users.id))
    .where(and(gt(reports.id, afterId), scopeWhere(staff, 'reports.read'), figuresWhere(filters)))
    .orderBy(asc(reports.id))
    .limit(BATCH);
}

type Row = Awaited<ReturnType<typeof readBatch>>[number];

const cells = (row: Row, withContact: boolean): (string | null)[] => [
  row.reference,
  when(row.createdAt),
  row.category,
  row.commune,
  row.pole,
  CHANNEL_LABELS[row.channel],
  row.state,
  SEVERITY_SHORT_LABELS[row.severity],
  when(row.dueAt),
  row.isOverdue ? 'oui' : 'non',
  when(row.acknowledgedAt),
  when(row.resolvedAt),
  row.assignee,
  inertCell(row.address),
  inertCell(row.description),
  ...(withContact ? [row.name, row.email, row.phone, row.postalAddress].map(inertCell) : []),
];

async function* csvText(db: Db, staff: StaffUser, filters: FigureFilters, now: Date): AsyncGenerator<string> {
  const withContact = hasPermission(staff.role, 'reports.readContact');
  const headings = withContact ? [...HEADINGS, ...CONTACT_HEADINGS] : HEADINGS;
  // The heading goes out with the first batch: a database that cannot answer fails the request, not the download.
  let heading = CSV_BOM + csvRecord(headings, (text) => text);
  for (let afterId = 0; ;) {
    const rows = await readBatch(db, staff, filters, withContact, afterId, now);
    yield heading + rows.map((row) => csvRecord(cells(row, withContact), (cell) => cell)).join('');
    heading = '';
    if (rows.length < BATCH) return;
    afterId = rows.at(-1)!.id;
  }
}

export async function exportDashboardCsv(
  staff: StaffUser,
  filters: FigureFilters,
  options: { db?: Db; now?: Date } = {},
): Promise<ReadableStream<Uint8Array>> {
  const db = options.db ?? (await getDb());
  return toStream(csvText(db, staff, filters, options.now ?? new Date()), 'dashboard.export_failed');
}

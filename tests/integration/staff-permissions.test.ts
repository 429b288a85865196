import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema';
import { seedBase } from '@/db/seed';
import type { StaffUser } from '@/lib/permissions';
import {
  addComment,
  addNote,
  assignReport,
  moveReport,
  NOT_FOUND,
  planReport,
  relocateReport,
  setSeverity,
  transferReport,
  type CommandResult,
} from '@/lib/reports/staff-commands';
import { editPublicText, hideReport, publishReport } from '@/lib/reports/moderation-commands';
import { getLocator } from '@/lib/territory/queries';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { countEvents, eventsOf, fileReport, parisDate, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// Every mutating command × every role × where the report sits, against a table written out by hand. A refusal answers
// exactly what a missing reference answers and writes nothing; an allowed command writes one event and one version.

type Place = 'nord' | 'centre' | 'cournon' | 'intake';
type Action =
  | 'acknowledge'
  | 'start'
  | 'resolve'
  | 'reject'
  | 'duplicate'
  | 'severity'
  | 'assign'
  | 'plan'
  | 'relocate'
  | 'comment'
  | 'transfer'
  | 'note'
  | 'publish'
  | 'publicText'
  | 'hide';

const PLACES: Record<Place, { insee: string; label: string }> = {
  nord: { insee: '63164', label: 'a report in Gerzat (pôle Nord)' },
  centre: { insee: '63113', label: 'a report in Clermont-Ferrand (pôle Centre)' },
  cournon: { insee: '63124', label: 'a report in Cournon-d’Auvergne (pôle Sud-Est)' },
  intake: { insee: '63113', label: 'a report in Clermont-Ferrand keyed in at the Cournon town hall' },
};

const ACCOUNTS: Record<Role, { local: string; label: string }> = {
  admin: { local: 'admin', label: 'the administrator' },
  pole_manager: { local: 'pole.nord', label: 'the Nord pôle manager' },
  call_centre_agent: { local: 'agent', label: 'the call-centre agent' },
  town_hall_agent: { local: 'accueil.cournon', label: 'the Cournon town-hall agent' },
  elected: { local: 'elu', label: 'the elected member' },
};

const VERBS: Record<Action, string> = {
  acknowledge: 'acknowledge',
  start: 'start work on',
  resolve: 'resolve',
  reject: 'reject',
  duplicate: 'mark as a duplicate',
  severity: 'change the severity of',
  assign: 'assign',
  plan: 'plan',
  relocate: 'relocate',
  comment: 'comment on',
  transfer: 'transfer',
  note: 'add a note to',
  publish: 'publish the description and photos of',
  publicText: 'edit the public text of',
  hide: 'hide from the public',
};

const EVERYWHERE: Place[] = ['nord', 'centre', 'cournon', 'intake'];
const TRIAGE: Record<Role, Place[]> = {
  admin: EVERYWHERE,
  pole_manager: ['nord'],
  call_centre_agent: [],
  town_hall_agent: [],
  elected: [],
};

/** Where each role may use each command. */
const EXPECTED: Record<Action, Record<Role, Place[]>> = {
  acknowledge: TRIAGE,
  start: TRIAGE,
  resolve: TRIAGE,
  reject: TRIAGE,
  duplicate: TRIAGE,
  severity: TRIAGE,
  assign: TRIAGE,
  plan: TRIAGE,
  relocate: TRIAGE,
  comment: TRIAGE,
  transfer: { admin: EVERYWHERE, pole_manager: ['nord'], call_centre_agent: EVERYWHERE, town_hall_agent: [], elected: [] },
  note: {
    admin: EVERYWHERE,
    pole_manager: ['nord'],
    call_centre_agent: EVERYWHERE,
    town_hall_agent: ['cournon', 'intake'],
    elected: [],
  },
  // reports.moderate: the same reach as triage (tests/integration/moderation.test.ts for photos and senders).
  publish: TRIAGE,
  publicText: TRIAGE,
  hide: TRIAGE,
};

/** The manager of each pôle a report may be assigned to (someone other than the Nord manager for Nord). */
const ASSIGNEES: Record<string, string> = { nord: 'equipe.nord', centre: 'pole.centre', 'sud-est': 'pole.sud-est' };

type Target = { reference: string; version: number; poleId: string; insee: string; originalReference?: string };
type Command = (db: Parameters<typeof addNote>[0], user: StaffUser, raw: Record<string, unknown>) => Promise<CommandResult>;

describe(`who may do what to a report (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  const COMMANDS: Record<
    Action,
    { run: Command; input: (t: Target) => Promise<Record<string, unknown>> | Record<string, unknown> }
  > = {
    acknowledge: { run: moveReport, input: (t) => ({ reference: t.reference, version: t.version, to: 'acknowledged' }) },
    start: { run: moveReport, input: (t) => ({ reference: t.reference, version: t.version, to: 'in_progress' }) },
    resolve: {
      run: moveReport,
      input: (t) => ({
        reference: t.reference,
        version: t.version,
        to: 'resolved',
        text: 'Lampe remplacée par l’équipe du pôle.',
      }),
    },
    reject: {
      run: moveReport,
      input: (t) => ({ reference: t.reference, version: t.version, to: 'rejected', rejection: 'private_property' }),
    },
    duplicate: {
      run: moveReport,
      input: (t) => ({ reference: t.reference, version: t.version, to: 'duplicate', originalReference: t.originalReference }),
    },
    severity: { run: setSeverity, input: (t) => ({ reference: t.reference, version: t.version, severity: 'high' }) },
    assign: {
      run: assignReport,
      input: (t) => ({ reference: t.reference, version: t.version, assigneeUserId: String(staff(ASSIGNEES[t.poleId]!).id) }),
    },
    plan: { run: planReport, input: (t) => ({ reference: t.reference, version: t.version, plannedFor: parisDate(7) }) },
    relocate: {
      run: relocateReport,
      input: async (t) => {
        const point = (await getLocator()).interiorPoint(t.insee)!;
        return { reference: t.reference, version: t.version, lon: String(point.lon), lat: String(point.lat) };
      },
    },
    comment: { run: addComment, input: (t) => ({ reference: t.reference, text: 'Une équipe passera cette semaine.' }) },
    transfer: {
      run: transferReport,
      input: (t) => ({ reference: t.reference, version: t.version, poleId: 'est', text: 'Relève du pôle Est.' }),
    },
    note: { run: addNote, input: (t) => ({ reference: t.reference, text: 'Voisin joignable après 18 h.' }) },
    publish: { run: publishReport, input: (t) => ({ reference: t.reference, version: t.version }) },
    publicText: {
      run: editPublicText,
      input: (t) => ({ reference: t.reference, version: t.version, text: 'Lampadaire éteint dans la rue.' }),
    },
    hide: { run: hideReport, input: (t) => ({ reference: t.reference, version: t.version, text: 'Propos injurieux' }) },
  };

  async function prepare(action: Action, place: Place) {
    const intakeBy = place === 'intake' ? staff('accueil.cournon') : undefined;
    const report = await fileReport(db(), PLACES[place].insee, { intakeBy });
    const original = action === 'duplicate' ? await fileReport(db(), PLACES[place].insee) : undefined;
    const row = await reportRow(db(), report.reference);
    const target: Target = {
      reference: report.reference,
      version: row.version,
      poleId: row.poleId,
      insee: row.communeInsee,
      originalReference: original?.reference,
    };
    return { report, original, row, input: await COMMANDS[action].input(target) };
  }

  const cases = (Object.keys(EXPECTED) as Action[]).flatMap((action) =>
    (Object.keys(ACCOUNTS) as Role[]).flatMap((role) =>
      (Object.keys(PLACES) as Place[]).map((place) => ({
        action,
        role,
        place,
        title: `${ACCOUNTS[role].label} ${VERBS[action]} ${PLACES[place].label}`,
        isAllowed: EXPECTED[action][role].includes(place),
      })),
    ),
  );

  it('covers every command for every role in every place', () => {
    expect(cases).toHaveLength(15 * 5 * 4);
    expect(cases.filter((c) => c.isAllowed)).toHaveLength(13 * (4 + 1) + (4 + 1 + 4) + (4 + 1 + 4 + 2));
  });

  it.each(cases.filter((c) => !c.isAllowed).map((c) => [c.title, c] as const))(
    'refuses to let %s, answering as for a missing report and writing nothing',
    async (_, { action, role, place }) => {
      const user = staff(ACCOUNTS[role].local);
      const { report, input } = await prepare(action, place);
      const before = { row: await reportRow(db(), report.reference), events: await countEvents(db()) };

      const answer = await COMMANDS[action].run(db(), user, input);
      const missing = await COMMANDS[action].run(db(), user, { ...input, reference: 'PC-2026-999999' });

      expect(answer).toEqual(NOT_FOUND);
      expect(answer).toEqual(missing);
      expect({ row: await reportRow(db(), report.reference), events: await countEvents(db()) }).toEqual(before);
    },
  );

  it.each(cases.filter((c) => c.isAllowed).map((c) => [c.title, c] as const))(
    'lets %s, with one event and one new version',
    async (_, { action, role, place }) => {
      const user = staff(ACCOUNTS[role].local);
      const { report, original, row, input } = await prepare(action, place);
      const totalBefore = await countEvents(db());
      const eventsBefore = (await eventsOf(db(), report.id)).length;

      const answer = await COMMANDS[action].run(db(), user, input);

      expect(answer).toMatchObject({ ok: true });
      expect((await eventsOf(db(), report.id)).length).toBe(eventsBefore + 1);
      expect(await countEvents(db())).toBe(totalBefore + (original ? 2 : 1));
      if (original) expect((await eventsOf(db(), original.id)).at(-1)!.kind).toBe('duplicate_linked');
      const changesVersion = action !== 'note' && action !== 'comment';
      expect((await reportRow(db(), report.reference)).version).toBe(row.version + (changesVersion ? 1 : 0));
    },
  );
});

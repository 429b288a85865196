import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db';
import { seedBase } from '@/db/seed';
import { getSeverityDays } from '@/lib/reports/severity';
import { dueAtFor } from '@/lib/reports/sla';
import {
  addNote,
  assignReport,
  moveReport,
  NOT_FOUND,
  planReport,
  relocateReport,
  runOnSelection,
  setSeverity,
  transferReport,
  type CommandResult,
} from '@/lib/reports/staff-commands';
import { getLocator } from '@/lib/territory/queries';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { countEvents, eventsOf, fileReport, parisDate, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// What each staff command refuses to read from its form, what happens when two people act at once, and what each
// command changes on the report besides its state.

const GERZAT = '63164';
const CLERMONT = '63113';
const SOLUTION = 'Lampe remplacée par l’équipe du pôle.';

describe(`staff commands (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const admin = () => staff('admin');
  const manager = () => staff('pole.nord');

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  async function nordReport() {
    const report = await fileReport(db(), GERZAT);
    return { ...report, version: (await reportRow(db(), report.reference)).version };
  }

  /** Runs a command that must be refused and checks that neither the report nor any history changed. */
  async function refused(reference: string, run: () => Promise<CommandResult>) {
    const before = { row: await reportRow(db(), reference), events: await countEvents(db()) };
    const answer = await run();
    expect(answer.ok).toBe(false);
    expect({ row: await reportRow(db(), reference), events: await countEvents(db()) }).toEqual(before);
    return answer;
  }

  async function resolved() {
    const report = await nordReport();
    const done = await moveReport(db(), manager(), { ...report, to: 'resolved', text: SOLUTION });
    expect(done.ok).toBe(true);
    return { ...report, version: report.version + 1 };
  }

  describe('refusing what a form sends', () => {
    it('refuses to resolve without saying what was done', async () => {
      const { reference, version } = await nordReport();
      const answer = await refused(reference, () =>
        moveReport(db(), manager(), { reference, version, to: 'resolved', text: ' ' }),
      );
      expect(answer).toMatchObject({ fieldErrors: { text: [expect.stringContaining('10 caractères')] } });
    });

    it('refuses to reject without a reason, or as not competent without naming the competent body', async () => {
      const { reference, version } = await nordReport();
      const noReason = await refused(reference, () => moveReport(db(), manager(), { reference, version, to: 'rejected' }));
      expect(noReason).toMatchObject({ fieldErrors: { rejection: ['Choisissez le motif du rejet.'] } });
      const noBody = await refused(reference, () =>
        moveReport(db(), manager(), { reference, version, to: 'rejected', rejection: 'not_competent', competentBody: '' }),
      );
      expect(noBody).toMatchObject({ fieldErrors: { competentBody: [expect.stringContaining('organisme compétent')] } });
    });

    it('refuses a duplicate of itself, of an unknown reference and of a report that is itself a duplicate', async () => {
      const { reference, version } = await nordReport();
      const asDuplicateOf = (originalReference: string) => () =>
        moveReport(db(), manager(), { reference, version, to: 'duplicate', originalReference });
      expect(await refused(reference, asDuplicateOf(reference))).toMatchObject({
        fieldErrors: { originalReference: ['Un signalement ne peut pas être le doublon de lui-même.'] },
      });
      expect(await refused(reference, asDuplicateOf('PC-2026-999998'))).toMatchObject({
        fieldErrors: { originalReference: ['Aucun signalement ne porte cette référence.'] },
      });
      const first = await nordReport();
      const second = await nordReport();
      expect((await moveReport(db(), manager(), { ...second, to: 'duplicate', originalReference: first.reference })).ok).toBe(
        true,
      );
      expect(await refused(reference, asDuplicateOf(second.reference))).toMatchObject({
        fieldErrors: { originalReference: [expect.stringContaining('lui-même un doublon')] },
      });
    });

    it('refuses a duplicate of a report the person may not read, as if it did not exist', async () => {
      const { reference, version } = await nordReport();
      const centre = await fileReport(db(), CLERMONT);
      const answer = await refused(reference, () =>
        moveReport(db(), manager(), { reference, version, to: 'duplicate', originalReference: centre.reference }),
      );
      expect(answer).toMatchObject({ fieldErrors: { originalReference: ['Aucun signalement ne porte cette référence.'] } });
    });

    it('refuses a severity that is already the report’s, and any severity on a closed report', async () => {
      const { reference, version } = await nordReport();
      const same = await refused(reference, () => setSeverity(db(), manager(), { reference, version, severity: 'medium' }));
      expect(same.message).toContain('déjà');
      const closed = await resolved();
      const onClosed = await refused(closed.reference, () => setSeverity(db(), manager(), { ...closed, severity: 'high' }));
      expect(onClosed.message).toContain('rouvrez-le');
    });

    it('refuses to assign a report to someone of another pôle', async () => {
      const { reference, version } = await nordReport();
      const answer = await refused(reference, () =>
        assignReport(db(), admin(), { reference, version, assigneeUserId: String(staff('pole.centre').id) }),
      );
      expect(answer).toMatchObject({ fieldErrors: { assigneeUserId: [expect.stringContaining('du pôle')] } });
    });

    it('refuses to plan an intervention in the past, or on a date that does not exist', async () => {
      const { reference, version } = await nordReport();
      const past = await refused(reference, () => planReport(db(), manager(), { reference, version, plannedFor: parisDate(-1) }));
      expect(past).toMatchObject({ fieldErrors: { plannedFor: ['La date prévue ne peut pas être passée.'] } });
      const nonsense = await refused(reference, () =>
        planReport(db(), manager(), { reference, version, plannedFor: '2026-13-45' }),
      );
      expect(nonsense).toMatchObject({ fieldErrors: { plannedFor: [expect.any(String)] } });
    });

    it('refuses to transfer a report to the pôle that has it, or to a pôle that does not exist', async () => {
      const { reference, version } = await nordReport();
      const text = 'Erreur d’aiguillage.';
      const same = await refused(reference, () => transferReport(db(), admin(), { reference, version, poleId: 'nord', text }));
      expect(same).toMatchObject({ fieldErrors: { poleId: ['Le signalement est déjà confié à ce pôle.'] } });
      const unknown = await refused(reference, () =>
        transferReport(db(), admin(), { reference, version, poleId: 'atlantide', text }),
      );
      expect(unknown).toMatchObject({ fieldErrors: { poleId: ['Choisissez un pôle de la liste.'] } });
    });

    it('refuses to move a report outside the 21 communes', async () => {
      const { reference, version } = await nordReport();
      const answer = await refused(reference, () =>
        relocateReport(db(), admin(), { reference, version, lon: '2.35', lat: '48.85' }),
      );
      expect(answer).toMatchObject({ fieldErrors: { location: [expect.stringContaining('hors des 21 communes')] } });
    });

    it('refuses a move the lifecycle does not have from the current state', async () => {
      const report = await resolved();
      const acknowledge = await refused(report.reference, () => moveReport(db(), manager(), { ...report, to: 'acknowledged' }));
      expect(acknowledge.message).toContain('n’est pas possible dans l’état actuel');
      const fresh = await nordReport();
      const reopen = await refused(fresh.reference, () =>
        moveReport(db(), manager(), { ...fresh, to: 'reopened', text: 'Toujours en panne ce soir.' }),
      );
      expect(reopen.message).toContain('n’est pas possible dans l’état actuel');
    });

    it('refuses a change made from a stale page, naming who changed the report meanwhile', async () => {
      const { reference, version } = await nordReport();
      expect((await moveReport(db(), manager(), { reference, version, to: 'acknowledged' })).ok).toBe(true);
      const answer = await refused(reference, () => moveReport(db(), admin(), { reference, version, to: 'in_progress' }));
      expect(answer.message).toContain('modifié par Marc Aubert (Responsable de pôle)');
      expect(answer.message).toContain('Pris en compte');
      const severity = await refused(reference, () => setSeverity(db(), admin(), { reference, version, severity: 'high' }));
      expect(severity.message).toContain('Marc Aubert');
    });

    // BUG lib/reports/staff-report.ts describeLastChange: it names the author of the latest event, which may be a note,
    // a comment or a follower (none of which changes the version), not the person whose change made the page stale.
    it('names who changed the report, not who only added a note since', async () => {
      const { reference, version } = await nordReport();
      expect((await moveReport(db(), manager(), { reference, version, to: 'acknowledged' })).ok).toBe(true);
      expect((await addNote(db(), staff('agent'), { reference, text: 'Rappel de l’usager ce matin.' })).ok).toBe(true);
      const answer = await refused(reference, () => moveReport(db(), admin(), { reference, version, to: 'in_progress' }));
      expect(answer.message).not.toContain('Inès Moreau');
      expect(answer.message).toContain('modifié par Marc Aubert');
    });

    it('in a mass action, skips and names the reports changed meanwhile or out of reach, and does the others', async () => {
      const fresh = await nordReport();
      const stale = await nordReport();
      const elsewhere = await fileReport(db(), CLERMONT);
      expect((await setSeverity(db(), admin(), { ...stale, severity: 'high' })).ok).toBe(true);
      const answer = await runOnSelection(
        db(),
        manager(),
        'acknowledge',
        [fresh, stale, { reference: elsewhere.reference, version: 0 }],
        {},
      );
      expect(answer.ok).toBe(true);
      expect(answer.message.split('\n')).toEqual([
        '1 signalement traité sur 3.',
        expect.stringMatching(
          new RegExp(`^${stale.reference} : Rien n’a été enregistré : ce signalement a été modifié par Camille Durand`),
        ),
        `${elsewhere.reference} : ${NOT_FOUND.message}`,
      ]);
      expect((await reportRow(db(), fresh.reference)).stateKey).toBe('acknowledged');
      expect(await reportRow(db(), stale.reference)).toMatchObject({ stateKey: 'new', version: stale.version + 1 });
      expect(await reportRow(db(), elsewhere.reference)).toMatchObject({ stateKey: 'new', version: 0 });
    });
  });

  describe('two people acting at once', () => {
    /** Two people send the same page's version at the same moment, each on a connection of its own on PostgreSQL. */
    async function race(
      run: (on: Db, who: TestStaff, target: { reference: string; version: number }, i: number) => Promise<CommandResult>,
      people: () => TestStaff[] = () => [admin(), manager()],
    ) {
      const second: { db: Db; close: () => Promise<void> } =
        testDbKind === 'postgres'
          ? await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, poolMax: 2 })
          : { db: db(), close: async () => {} };
      try {
        for (let round = 0; round < 5; round++) {
          const { id, reference, version } = await nordReport();
          const [first, other] = people();
          const before = await eventsOf(db(), id);
          const answers = await Promise.all([
            run(db(), first!, { reference, version }, 0),
            run(second.db, other!, { reference, version }, 1),
          ]);
          const winners = answers.flatMap((answer, i) => (answer.ok ? [[first!, other!][i]!] : []));
          expect(winners).toHaveLength(1);
          const loser = answers.find((answer) => !answer.ok)!;
          expect(loser.message).toContain(`modifié par ${winners[0]!.name}`);
          const added = (await eventsOf(db(), id)).slice(before.length);
          expect(added).toHaveLength(1);
          expect(added[0]!.actorUserId).toBe(winners[0]!.id);
          expect((await reportRow(db(), reference)).version).toBe(version + 1);
        }
      } finally {
        await second.close();
      }
    }

    it('lets exactly one of two simultaneous acknowledgements through, and tells the other who won', async () => {
      await race((on, who, target) => moveReport(on, who, { ...target, to: 'acknowledged' }));
    });

    it('lets exactly one of two simultaneous severity changes through', async () => {
      await race((on, who, target, i) => setSeverity(on, who, { ...target, severity: i === 0 ? 'high' : 'low' }));
    });

    // Two who may transfer anywhere: a Nord manager who lost would rightly find the report gone from its reach.
    it('lets exactly one of two simultaneous transfers through', async () => {
      await race(
        (on, who, target, i) =>
          transferReport(on, who, { ...target, poleId: i === 0 ? 'est' : 'centre', text: 'Erreur d’aiguillage.' }),
        () => [admin(), staff('agent')],
      );
    });
  });

  describe('what each command changes', () => {
    it('acknowledges once: the first acknowledgement’s time is kept', async () => {
      const report = await nordReport();
      const at = new Date(Date.now() - 60_000);
      await moveReport(db(), manager(), { ...report, to: 'acknowledged' }, at);
      await moveReport(db(), manager(), { ...report, version: report.version + 1, to: 'in_progress' });
      expect((await reportRow(db(), report.reference)).acknowledgedAt).toEqual(at);
    });

    it('resolves with the solution as the outcome and the time of resolution', async () => {
      const report = await nordReport();
      const now = new Date();
      expect((await moveReport(db(), manager(), { ...report, to: 'resolved', text: `  ${SOLUTION}  ` }, now)).ok).toBe(true);
      expect(await reportRow(db(), report.reference)).toMatchObject({ stateKey: 'resolved', outcome: SOLUTION, resolvedAt: now });
      expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({
        kind: 'state_changed',
        fromState: 'new',
        toState: 'resolved',
        reason: SOLUTION,
        isPublic: true,
      });
    });

    it('reopens a resolved report: the outcome is cleared and the due date counts again from now', async () => {
      const report = await resolved();
      const now = new Date(Date.now() + 3_600_000);
      const reason = 'Le lampadaire est de nouveau éteint.';
      expect((await moveReport(db(), manager(), { ...report, to: 'reopened', text: reason }, now)).ok).toBe(true);
      const row = await reportRow(db(), report.reference);
      expect(row).toMatchObject({ stateKey: 'reopened', outcome: null, resolvedAt: null, version: report.version + 1 });
      expect(row.dueAt).toEqual(dueAtFor(row.severity, now, await getSeverityDays(db())));
      expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({ kind: 'reopened', fromState: 'resolved', reason });
    });

    it('rejects with the reason’s sentence, naming the competent body, as the outcome', async () => {
      const report = await nordReport();
      const answer = await moveReport(db(), manager(), {
        ...report,
        to: 'rejected',
        rejection: 'not_competent',
        competentBody: 'Enedis',
      });
      expect(answer.ok).toBe(true);
      expect((await reportRow(db(), report.reference)).outcome).toBe(
        'Ce signalement ne relève pas de la compétence de la Métropole : il a été transmis à Enedis.',
      );
    });

    it('links a duplicate to its original and says so in the original’s history', async () => {
      const original = await nordReport();
      const copy = await nordReport();
      const answer = await moveReport(db(), manager(), {
        ...copy,
        to: 'duplicate',
        originalReference: original.reference.toLowerCase(),
      });
      expect(answer.ok).toBe(true);
      expect(await reportRow(db(), copy.reference)).toMatchObject({ stateKey: 'duplicate', duplicateOfId: original.id });
      expect((await eventsOf(db(), copy.id)).at(-1)).toMatchObject({
        kind: 'state_changed',
        toState: 'duplicate',
        data: { originalReference: original.reference },
      });
      expect((await eventsOf(db(), original.id)).at(-1)).toMatchObject({
        kind: 'duplicate_linked',
        data: { duplicateReference: copy.reference },
        actorUserId: manager().id,
      });
      expect((await reportRow(db(), original.reference)).version).toBe(original.version);
    });

    it('recomputes the due date from the report’s creation in working days when the severity changes', async () => {
      const report = await nordReport();
      const before = await reportRow(db(), report.reference);
      expect((await setSeverity(db(), manager(), { ...report, severity: 'low' })).ok).toBe(true);
      const row = await reportRow(db(), report.reference);
      const dueAt = dueAtFor('low', before.createdAt, await getSeverityDays(db()));
      expect(row).toMatchObject({ severity: 'low', dueAt, version: before.version + 1 });
      expect(row.dueAt).not.toEqual(before.dueAt);
      expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({
        kind: 'severity_changed',
        isPublic: false,
        data: { from: 'medium', to: 'low', dueAt: dueAt.toISOString() },
      });
    });

    it('counts a new severity’s due date from the last reopening, not from the creation', async () => {
      const report = await resolved();
      const reopenedAt = new Date(Date.now() + 3_600_000);
      const text = 'Le problème est revenu depuis hier.';
      expect((await moveReport(db(), manager(), { ...report, to: 'reopened', text }, reopenedAt)).ok).toBe(true);
      const before = await reportRow(db(), report.reference);
      const severity = before.severity === 'low' ? 'high' : 'low';
      expect((await setSeverity(db(), manager(), { reference: report.reference, version: before.version, severity })).ok).toBe(
        true,
      );
      const row = await reportRow(db(), report.reference);
      expect(row.dueAt).toEqual(dueAtFor(severity, reopenedAt, await getSeverityDays(db())));
    });

    it('refuses to move the pin of a closed report, which would hand it to another pôle', async () => {
      const report = await resolved();
      const answer = await relocateReport(db(), manager(), { ...report, lon: '3.1449', lat: '45.8246' });
      expect(answer.ok).toBe(false);
      expect(answer.message).toContain('rouvrez-le');
    });

    it('assigns and plans, then transfer hands the report to the other pôle without its assignee', async () => {
      const report = await nordReport();
      const teammate = staff('equipe.nord');
      expect((await assignReport(db(), manager(), { ...report, assigneeUserId: String(teammate.id) })).ok).toBe(true);
      const plannedFor = parisDate(3);
      expect((await planReport(db(), manager(), { ...report, version: report.version + 1, plannedFor })).ok).toBe(true);
      expect(await reportRow(db(), report.reference)).toMatchObject({ assigneeUserId: teammate.id, plannedFor });
      const text = 'Le point est sur la zone d’activité de Lempdes.';
      const transfer = await transferReport(db(), staff('agent'), {
        ...report,
        version: report.version + 2,
        poleId: 'est',
        text,
      });
      expect(transfer).toMatchObject({ ok: true, message: expect.stringContaining('Pôle de proximité Est') });
      expect(await reportRow(db(), report.reference)).toMatchObject({
        poleId: 'est',
        assigneeUserId: null,
        communeInsee: GERZAT,
      });
      expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({
        kind: 'transferred',
        poleId: 'est',
        fromPoleId: 'nord',
        toPoleId: 'est',
        reason: text,
      });
    });

    it('re-routes a report moved into a commune of another pôle', async () => {
      const report = await nordReport();
      expect((await assignReport(db(), manager(), { ...report, assigneeUserId: String(staff('equipe.nord').id) })).ok).toBe(true);
      const before = await reportRow(db(), report.reference);
      const point = (await getLocator()).interiorPoint(CLERMONT)!;
      const answer = await relocateReport(db(), manager(), {
        ...report,
        version: before.version,
        lon: String(point.lon),
        lat: String(point.lat),
      });
      expect(answer).toMatchObject({ ok: true, message: expect.stringContaining('Pôle de proximité Centre') });
      expect(await reportRow(db(), report.reference)).toMatchObject({
        lon: point.lon,
        lat: point.lat,
        communeInsee: CLERMONT,
        poleId: 'centre',
        assigneeUserId: null,
        isLocationToConfirm: false,
      });
      expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({
        kind: 'relocated',
        poleId: 'centre',
        fromPoleId: 'nord',
        toPoleId: 'centre',
        data: { from: { lon: before.lon, lat: before.lat, communeInsee: GERZAT }, to: { communeInsee: CLERMONT } },
      });
    });
  });
});

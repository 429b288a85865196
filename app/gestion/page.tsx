import type { Metadata } from 'next';
import Link from 'next/link';
import { InboxFilters } from '@/components/staff/inbox-filters';
import { InboxMap } from '@/components/staff/inbox-map';
import { InboxTable } from '@/components/staff/inbox-table';
import { MassActionForm } from '@/components/staff/mass-action-form';
import { RoundAddBar } from '@/components/staff/round-add-bar';
import { StateCounts } from '@/components/staff/state-counts';
import { requireStaff } from '@/lib/auth';
import { can, reachOf } from '@/lib/permissions';
import { toSearchParams } from '@/lib/reports/listing-input';
import { loadRoundOwners } from '@/lib/rounds/queries';
import { loadInbox } from '@/lib/staff/inbox';
import { inboxHref, inboxQuery, parseInboxQuery } from '@/lib/staff/inbox-input';
import { getTerritoryOverview } from '@/lib/territory/queries';

export const metadata: Metadata = { title: 'Signalements à traiter' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxPage({ searchParams }: Props) {
  const staff = await requireStaff('reports.read');
  const filters = parseInboxQuery(toSearchParams(await searchParams));
  const [{ vocabulary, page, counts, assignees, readAt }, territory] = await Promise.all([
    loadInbox(staff, filters),
    getTerritoryOverview(),
  ]);
  const reach = reachOf(staff, 'reports.read');
  const scope =
    reach.kind === 'pole'
      ? vocabulary.poles.find((p) => p.id === reach.poleId)?.name
      : reach.kind === 'commune'
        ? 'votre commune et vos saisies'
        : 'toute la Métropole';
  const [canTriage, canTransfer] = [can(staff, 'reports.triage'), can(staff, 'reports.transfer')];
  // The round's owners: empty for whoever may not prepare rounds, who then gets no « Ajouter à ma tournée ».
  const roundOwners = await loadRoundOwners(staff);
  return (
    <div className="grid flex-1 gap-6 px-4 py-6 xl:grid-cols-[minmax(0,3fr)_minmax(360px,2fr)]">
      <div className="min-w-0 space-y-4">
        <h1 className="text-2xl font-bold">Signalements — {scope}</h1>
        <InboxFilters filters={filters} vocabulary={vocabulary} showPole={reach.kind === 'all'} />
        <StateCounts filters={filters} states={vocabulary.states} counts={counts} canModerate={can(staff, 'reports.moderate')} />
        <MassActionForm
          canTriage={canTriage}
          canTransfer={canTransfer}
          assignees={assignees.map((person) => ({ value: String(person.id), label: person.name }))}
          severities={vocabulary.severities.map((level) => ({ value: level.key, label: level.label }))}
          poles={vocabulary.poles.map((pole) => ({ value: pole.id, label: pole.name }))}
        >
          {roundOwners.length > 0 && <RoundAddBar owners={roundOwners} selfId={staff.id} />}
          <InboxTable rows={page.rows} isSelectable={canTriage || canTransfer} showPole={reach.kind === 'all'} />
        </MassActionForm>
        <nav aria-label="Pages" className="flex gap-4">
          {filters.after && (
            <Link href={inboxHref(filters)} className="text-brand underline">
              Revenir au début
            </Link>
          )}
          {page.nextCursor && (
            <Link href={inboxHref(filters, { after: page.nextCursor })} className="text-brand underline">
              Page suivante
            </Link>
          )}
        </nav>
      </div>
      <InboxMap
        filtersQuery={inboxQuery(filters, { sort: undefined })}
        readAt={readAt}
        communes={territory.communes}
        bounds={territory.bounds}
        categories={vocabulary.categories}
      />
    </div>
  );
}

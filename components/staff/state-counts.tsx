import Link from 'next/link';
import { cn } from '@/lib/cn';
import { CLOSED_COUNT_CAP } from '@/lib/staff/inbox';
import { inboxHref, type InboxFilters } from '@/lib/staff/inbox-input';
import type { StaffVocabulary } from '@/lib/staff/vocabulary';

type Props = {
  filters: InboxFilters;
  states: StaffVocabulary['states'];
  counts: { byState: Map<string, number>; overdue: number; toModerate: number };
  /** Whether this person moderates: « À modérer » is their queue. */
  canModerate: boolean;
};

const formatCount = (n: number) =>
  n > CLOSED_COUNT_CAP ? `${CLOSED_COUNT_CAP.toLocaleString('fr-FR')}+` : n.toLocaleString('fr-FR');

// Counts per state of the current view (every filter but the state), each a link to that state. Closed states are
// counted only when the view shows them.
export function StateCounts({ filters, states, counts, canModerate }: Props) {
  const openTotal = states.filter((s) => s.type === 'open').reduce((sum, s) => sum + (counts.byState.get(s.key) ?? 0), 0);
  const items = [
    { value: 'ouverts', label: 'En cours', n: openTotal },
    ...states.map((s) => ({ value: s.key, label: s.label, n: counts.byState.get(s.key) ?? (s.type === 'open' ? 0 : null) })),
  ];
  return (
    <nav aria-label="Nombre de signalements par état">
      <ul className="flex flex-wrap gap-2 text-sm">
        {items.map((item) => {
          const isCurrent = filters.state === item.value;
          return (
            <li key={item.value}>
              <Link
                href={inboxHref(filters, { state: item.value })}
                aria-current={isCurrent ? 'page' : undefined}
                className={cn(
                  'block rounded-full border px-3 py-1',
                  isCurrent ? 'border-brand bg-brand text-white' : 'border-slate-300 hover:bg-slate-100',
                )}
              >
                {item.label} {item.n !== null && <strong>{formatCount(item.n)}</strong>}
              </Link>
            </li>
          );
        })}
        <li>
          <Link
            href={inboxHref(filters, { overdue: filters.overdue ? undefined : '1' })}
            aria-current={filters.overdue ? 'page' : undefined}
            className={cn(
              'block rounded-full border px-3 py-1',
              filters.overdue ? 'border-red-800 bg-red-800 text-white' : 'border-red-300 text-red-800 hover:bg-red-50',
            )}
          >
            En retard <strong>{counts.overdue.toLocaleString('fr-FR')}</strong>
          </Link>
        </li>
        {canModerate && (
          <li>
            <Link
              href={inboxHref(filters, filters.moderation ? { moderation: undefined } : { moderation: '1', state: 'tous' })}
              aria-current={filters.moderation ? 'page' : undefined}
              className={cn(
                'block rounded-full border px-3 py-1',
                filters.moderation
                  ? 'border-violet-800 bg-violet-800 text-white'
                  : 'border-violet-300 text-violet-900 hover:bg-violet-50',
              )}
            >
              À modérer <strong>{counts.toModerate.toLocaleString('fr-FR')}</strong>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

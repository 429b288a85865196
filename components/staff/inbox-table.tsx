import Link from 'next/link';
import { CategoryBadge } from '@/components/ui/category-icon';
import { cn } from '@/lib/cn';
import { formatDate, formatShortDate, formatShortDue } from '@/lib/format';
import { CHANNEL_LABELS, SEVERITY_SHORT_LABELS } from '@/lib/reports/labels';
import type { InboxRow } from '@/lib/staff/inbox';

// The inbox's rows; the checkboxes belong to the mass-action form around the table.
export function InboxTable({ rows, isSelectable, showPole }: { rows: InboxRow[]; isSelectable: boolean; showPole: boolean }) {
  if (rows.length === 0)
    return <p className="rounded border border-slate-200 p-4">Aucun signalement ne correspond à ces filtres.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Signalements correspondant aux filtres</caption>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            {isSelectable && (
              <th scope="col" className="p-2">
                <span className="sr-only">Sélection</span>
              </th>
            )}
            <th scope="col" className="p-2">
              Référence
            </th>
            <th scope="col" className="p-2">
              Catégorie et lieu
            </th>
            <th scope="col" className="p-2">
              État
            </th>
            <th scope="col" className="p-2">
              Gravité
            </th>
            <th scope="col" className="p-2">
              Échéance
            </th>
            <th scope="col" className="p-2">
              Affecté à
            </th>
            <th scope="col" className="p-2">
              Reçu
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-200 align-top">
              {isSelectable && (
                <td className="p-2">
                  <input
                    type="checkbox"
                    name="selection"
                    value={`${row.reference}:${row.version}`}
                    aria-label={`Sélectionner ${row.reference}`}
                    className="size-5"
                  />
                </td>
              )}
              <td className="p-2 whitespace-nowrap">
                <Link href={`/gestion/signalements/${row.reference}`} className="font-medium text-brand underline">
                  {row.reference}
                </Link>
                {/* On a phone the state and the due date join the reference: the table keeps two columns. */}
                <span className="block text-xs sm:hidden">
                  {row.stateLabel}
                  {row.stateType === 'open' && (
                    <span className={row.isOverdue ? 'block font-semibold text-red-800' : 'block'}>
                      {row.isOverdue ? 'en retard, ' : 'avant le '}
                      {formatShortDue(row.dueAt)}
                    </span>
                  )}
                </span>
              </td>
              <td className="p-2">
                <span className="flex items-center gap-2">
                  <CategoryBadge icon={row.categoryIcon} color={row.categoryColor} size="sm" />
                  {row.categoryName}
                </span>
                <span className="block text-slate-700">
                  {row.address ?? row.communeName}
                  {row.address && !row.address.includes(row.communeName) && ` · ${row.communeName}`}
                  {showPole && ` · ${row.poleName}`}
                </span>
                {(row.isNearBorder || row.isLocationToConfirm) && (
                  <span className="block text-xs font-medium text-amber-800">
                    {row.isLocationToConfirm ? 'Emplacement à confirmer' : 'Proche d’une limite de commune'}
                  </span>
                )}
                {row.isToModerate && (
                  <span className="block text-xs font-medium text-violet-900">Description et photos à vérifier</span>
                )}
              </td>
              <td className="hidden p-2 sm:table-cell">
                {row.stateLabel}
                {row.plannedFor && <span className="block text-xs text-slate-700">Prévu le {formatDate(row.plannedFor)}</span>}
              </td>
              <td className="hidden p-2 sm:table-cell">{SEVERITY_SHORT_LABELS[row.severity]}</td>
              <td className={cn('hidden p-2 sm:table-cell', row.isOverdue && 'font-semibold text-red-800')}>
                {row.stateType === 'open' ? formatShortDue(row.dueAt) : '—'}
                {row.isOverdue && <span className="block text-xs">en retard</span>}
              </td>
              <td className="hidden p-2 md:table-cell">{row.assigneeName ?? <span className="text-slate-600">personne</span>}</td>
              <td className="hidden p-2 whitespace-nowrap md:table-cell">
                {formatShortDate(row.createdAt)}
                <span className="block text-xs text-slate-700">{CHANNEL_LABELS[row.channel]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import Link from 'next/link';
import { getStaff } from '@/lib/auth';
import { can } from '@/lib/permissions';

// The staff area's own menu. Not a check: every page below calls requireStaff itself.
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await getStaff();
  return (
    <div className="flex flex-1 flex-col">
      {staff && (
        <nav aria-label="Espace agents" className="border-b border-slate-200 bg-slate-50 print:hidden">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-x-4 px-4 py-2 text-sm font-medium">
            <li>
              <Link href="/gestion" className="text-brand underline">
                Signalements
              </Link>
            </li>
            {can(staff, 'reports.intake') && (
              <li>
                <Link href="/gestion/nouveau" className="text-brand underline">
                  Nouveau signalement
                </Link>
              </li>
            )}
            {can(staff, 'rounds.plan') && (
              <li>
                <Link href="/gestion/tournee" className="text-brand underline">
                  Ma tournée
                </Link>
              </li>
            )}
            {can(staff, 'stats.read') && (
              <li>
                <Link href="/gestion/tableau-de-bord" className="text-brand underline">
                  Tableau de bord
                </Link>
              </li>
            )}
            {can(staff, 'letters.print') && (
              <li>
                <Link href="/gestion/courriers" className="text-brand underline">
                  Courriers à imprimer
                </Link>
              </li>
            )}
            {can(staff, 'notifications.manage') && (
              <li>
                <Link href="/gestion/courriels" className="text-brand underline">
                  Courriels
                </Link>
              </li>
            )}
            {can(staff, 'templates.manage') && (
              <li>
                <Link href="/gestion/modeles" className="text-brand underline">
                  Modèles de réponse
                </Link>
              </li>
            )}
            {can(staff, 'territory.manage') && (
              <li>
                <Link href="/gestion/mairies" className="text-brand underline">
                  Accueils des mairies
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
      {children}
    </div>
  );
}

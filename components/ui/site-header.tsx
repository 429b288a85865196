import Link from 'next/link';
import { getStaff } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/permissions';
import { signOutAction } from '@/lib/staff/session-actions';

// The service's main sections; the ones not built yet are announced rather than linked to a dead page.
const SECTIONS = [
  { href: '/signaler', label: 'Signaler', isAvailable: true },
  { href: '/suivi', label: 'Suivre un signalement', isAvailable: true },
  { href: '/chiffres-cles', label: 'Chiffres clés', isAvailable: true },
];

export async function SiteHeader() {
  const staff = await getStaff();
  return (
    <header className="bg-brand text-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex flex-col leading-tight">
          <span className="text-xl font-bold tracking-tight">Proxim&apos;Cité</span>
          <span className="text-sm text-blue-100">Clermont Auvergne Métropole</span>
        </Link>
        <nav aria-label="Navigation principale">
          <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm font-medium">
            {SECTIONS.map((section) => (
              <li key={section.href}>
                {section.isAvailable ? (
                  <Link href={section.href} className="block rounded px-3 py-2 hover:bg-brand-dark">
                    {section.label}
                  </Link>
                ) : (
                  <span className="block cursor-default px-3 py-2 text-blue-200" title="Bientôt disponible">
                    {section.label} <span className="sr-only">(bientôt disponible)</span>
                  </span>
                )}
              </li>
            ))}
            {staff ? (
              <li>
                <Link href="/gestion" className="block rounded px-3 py-2 hover:bg-brand-dark">
                  Gestion
                </Link>
              </li>
            ) : (
              <li>
                <Link href="/connexion" className="block rounded px-3 py-2 hover:bg-brand-dark">
                  Espace agents
                </Link>
              </li>
            )}
          </ul>
        </nav>
        {staff && (
          <form action={signOutAction} className="flex items-center gap-2 text-sm">
            <span>
              {staff.name} <span className="text-blue-100">· {ROLE_LABELS[staff.role]}</span>
            </span>
            <button type="submit" className="rounded border border-white/60 px-3 py-1.5 hover:bg-brand-dark">
              Se déconnecter
            </button>
          </form>
        )}
      </div>
    </header>
  );
}

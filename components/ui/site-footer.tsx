import Link from 'next/link';
import { SERVICE_PHONE, SERVICE_PHONE_HREF } from '@/lib/service';
import { DATA_ATTRIBUTION } from '@/lib/territory/attribution';

// The pages every French public site links from each page; the RGAA wants the conformity state in the link itself.
const LEGAL_LINKS = [
  { href: '/accessibilite', label: 'Accessibilité : partiellement conforme' },
  { href: '/donnees-personnelles', label: 'Données personnelles' },
  { href: '/mentions-legales', label: 'Mentions légales' },
  { href: '/donnees-ouvertes', label: 'Données ouvertes' },
];

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50 text-xs text-slate-600 print:hidden">
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-3">
        <p>
          Proxim&apos;Cité, service gratuit de Clermont Auvergne Métropole pour signaler une anomalie sur l&apos;espace public,
          sur le web, par téléphone au{' '}
          <a href={SERVICE_PHONE_HREF} className="whitespace-nowrap underline">
            {SERVICE_PHONE}
          </a>{' '}
          (appel gratuit) ou à{' '}
          <Link href="/autres-moyens" className="underline">
            l&apos;accueil de votre mairie
          </Link>
          .
        </p>
        <nav aria-label="Informations légales">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {LEGAL_LINKS.map(({ href, label }) => (
              <li key={href}>
                <Link href={href} className="underline">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>{DATA_ATTRIBUTION}</p>
      </div>
    </footer>
  );
}

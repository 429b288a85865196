import type { Metadata, Viewport } from 'next';
import { SiteFooter } from '@/components/ui/site-footer';
import { SiteHeader } from '@/components/ui/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: "Proxim'Cité — Clermont Auvergne Métropole", template: "%s · Proxim'Cité" },
  description:
    "Signalez une anomalie sur l'espace public dans les 21 communes de Clermont Auvergne Métropole : propreté, voirie, éclairage, espaces verts…",
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="flex min-h-dvh flex-col bg-white text-slate-900 antialiased">
        <a
          href="#contenu"
          className="sr-only z-[2000] bg-white px-3 py-2 font-medium text-brand focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Aller au contenu
        </a>
        <SiteHeader />
        <main id="contenu" tabIndex={-1} className="flex flex-1 flex-col">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}

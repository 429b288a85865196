import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ReportForm } from '@/components/reports/report-form';
import { env } from '@/lib/env';
import { listActiveCategories } from '@/lib/reports/categories';
import { SERVICE_PHONE, SERVICE_PHONE_HREF } from '@/lib/service';
import { isGeocoderEnabled } from '@/lib/territory/geocoder';
import { getTerritoryOutlines } from '@/lib/territory/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Signaler un problème' };

export default async function ReportPage() {
  const [categories, territory] = await Promise.all([listActiveCategories(), getTerritoryOutlines()]);
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-8">
      <div>
        <h1 className="text-2xl font-bold">Signaler un problème sur l’espace public</h1>
        <p className="mt-2 text-slate-700">
          Propreté, voirie, éclairage, espaces verts… Le signalement est transmis au pôle de proximité de la commune, qui le
          traite sous 48 heures à 5 jours selon sa gravité. Les champs marqués d’un astérisque (*) sont obligatoires.
        </p>
        <p className="mt-2 text-slate-700">
          Vous pouvez aussi appeler le numéro vert{' '}
          <a href={SERVICE_PHONE_HREF} className="font-semibold whitespace-nowrap text-brand underline">
            {SERVICE_PHONE}
          </a>{' '}
          (appel gratuit) ou vous adresser à{' '}
          <Link href="/autres-moyens" className="text-brand underline">
            l’accueil de votre mairie
          </Link>
          .
        </p>
      </div>
      <ReportForm
        categories={categories}
        communes={territory.communes}
        outlines={territory.outlines}
        bounds={territory.bounds}
        idempotencyKey={randomUUID()}
        followKey={randomUUID()}
        isGeocoderEnabled={isGeocoderEnabled()}
        duplicateRadiusM={env.DUPLICATE_RADIUS_M}
      />
    </div>
  );
}

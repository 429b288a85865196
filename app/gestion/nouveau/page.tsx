import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { IntakeForm } from '@/components/staff/intake-form';
import { requireStaff } from '@/lib/auth';
import { env } from '@/lib/env';
import { listIntakeCategories } from '@/lib/reports/categories';
import { listIntakeSeverities } from '@/lib/reports/severity';
import { intakeChannelFor } from '@/lib/reports/staff-intake';
import { isGeocoderEnabled } from '@/lib/territory/geocoder';
import { getTerritoryOutlines } from '@/lib/territory/queries';

export const metadata: Metadata = { title: 'Saisir un signalement' };

export default async function IntakePage() {
  const staff = await requireStaff('reports.intake', { returnTo: '/gestion/nouveau' });
  const [categories, territory, severities] = await Promise.all([
    listIntakeCategories(),
    getTerritoryOutlines(),
    listIntakeSeverities(),
  ]);
  const channel = staff.role === 'admin' ? null : intakeChannelFor(staff, undefined);
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-bold print:hidden">
        {channel === 'phone'
          ? 'Signalement reçu par téléphone'
          : channel === 'counter'
            ? 'Signalement reçu à l’accueil'
            : 'Saisir un signalement'}
      </h1>
      <IntakeForm
        categories={categories}
        communes={territory.communes}
        outlines={territory.outlines}
        bounds={territory.bounds}
        severities={severities}
        idempotencyKey={randomUUID()}
        isGeocoderEnabled={isGeocoderEnabled()}
        duplicateRadiusM={env.DUPLICATE_RADIUS_M}
        channel={channel === 'phone' || channel === 'counter' ? channel : null}
      />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionAnnouncer } from '@/components/staff/action-announcer';
import { ActionForm } from '@/components/staff/action-form';
import { RoundOwnerPicker } from '@/components/staff/round-owner-picker';
import { RoundStops } from '@/components/staff/round-stops';
import { requireStaff } from '@/lib/auth';
import { orderRoundAction } from '@/lib/rounds/actions';
import { parseOwnerParam } from '@/lib/rounds/input';
import { loadRoundPage } from '@/lib/rounds/queries';

export const metadata: Metadata = { title: 'Ma tournée' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// « Ma tournée »: the reports a person will visit, in order; reorder, order by nearest neighbour, print the sheet.
export default async function RoundPage({ searchParams }: Props) {
  const staff = await requireStaff('rounds.plan', { returnTo: '/gestion/tournee' });
  const ownerId = parseOwnerParam((await searchParams).pour);
  const round = ownerId === undefined ? null : await loadRoundPage(staff, ownerId);
  if (!round) notFound();
  const { owner, stops } = round;
  const sheetHref = round.isOwn ? '/gestion/tournee/feuille' : `/gestion/tournee/feuille?pour=${owner.id}`;
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{round.isOwn ? 'Ma tournée' : `Tournée de ${owner.name}`}</h1>
        <p>
          Les signalements à visiter, dans l’ordre de passage. Ajoutez-en depuis la{' '}
          <Link href="/gestion" className="text-brand underline">
            liste des signalements
          </Link>{' '}
          (cochez-les, puis « Ajouter à ma tournée »), ordonnez-les, puis imprimez la feuille : une carte des étapes numérotées
          et, pour chacune, la description, les photos et une case pour les notes de l’équipe.
        </p>
        <RoundOwnerPicker owners={round.owners} ownerId={owner.id} selfId={staff.id} />
      </div>
      <ActionAnnouncer>
        {stops.length === 0 ? (
          <p className="rounded border border-slate-200 p-4">Aucune étape pour l’instant.</p>
        ) : (
          <div className="space-y-4">
            <div className="flex flex-wrap items-start gap-4">
              {stops.length > 1 && (
                <ActionForm
                  action={orderRoundAction}
                  hidden={{ owner: owner.id }}
                  submitLabel="Ordonner au plus court"
                  isSecondary
                />
              )}
              <a href={sheetHref} download className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
                Imprimer la feuille de tournée (PDF)
              </a>
            </div>
            {round.start && (
              <p className="text-sm text-slate-700">
                « Au plus court » part du centre du {round.start.poleName.replace(/^Pôle/, 'pôle')} (le point moyen de ses
                communes) et va chaque fois à l’étape la plus proche, à vol d’oiseau.
              </p>
            )}
            <RoundStops stops={stops} ownerId={owner.id} />
          </div>
        )}
      </ActionAnnouncer>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { SERVICE_PHONE, SERVICE_PHONE_HREF } from '@/lib/service';
import { listDesks } from '@/lib/territory/desks';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Autres moyens de signaler' };

export default async function OtherWaysPage() {
  const desks = await listDesks();
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Autres moyens de signaler</h1>
      <p>
        Le même service, traité par le même pôle de proximité, sans passer par le site :{' '}
        <Link href="/signaler" className="text-brand underline">
          le formulaire en ligne
        </Link>{' '}
        n’est qu’un des trois moyens.
      </p>
      <section aria-labelledby="telephone" className="rounded border border-slate-200 p-4">
        <h2 id="telephone" className="text-lg font-semibold">
          Par téléphone
        </h2>
        <p>
          Numéro vert{' '}
          <a href={SERVICE_PHONE_HREF} className="text-xl font-bold whitespace-nowrap text-brand underline">
            {SERVICE_PHONE}
          </a>{' '}
          (appel gratuit), au centre d’appels du pôle centre. L’agent vous donne la référence de votre signalement.
        </p>
      </section>
      <section aria-labelledby="mairies" className="space-y-3">
        <h2 id="mairies" className="text-lg font-semibold">
          À l’accueil des 21 mairies
        </h2>
        <p>L’agent d’accueil enregistre votre signalement et vous remet un récépissé avec sa référence.</p>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Les accueils des mairies de la Métropole</caption>
          <thead>
            <tr className="border-b-2 border-slate-300 text-left">
              <th scope="col" className="p-2">
                Commune
              </th>
              <th scope="col" className="p-2">
                Adresse de l’accueil
              </th>
              <th scope="col" className="p-2">
                Horaires
              </th>
            </tr>
          </thead>
          <tbody>
            {desks.map((desk) => (
              <tr key={desk.insee} className="border-b border-slate-200 align-top">
                <th scope="row" className="p-2 text-left font-medium">
                  {desk.name}
                  <span className="block text-xs font-normal text-slate-600">{desk.poleName}</span>
                </th>
                <td className="p-2 whitespace-pre-line">{desk.deskAddress ?? 'Mairie de la commune'}</td>
                <td className="p-2 whitespace-pre-line">{desk.deskHours ?? 'Aux heures d’ouverture de la mairie'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

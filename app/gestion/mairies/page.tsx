import type { Metadata } from 'next';
import { ActionForm } from '@/components/staff/action-form';
import { inputClass } from '@/components/ui/field';
import { requireStaff } from '@/lib/auth';
import { updateDeskAction } from '@/lib/reports/staff-actions';
import { listDesks } from '@/lib/territory/desks';

export const metadata: Metadata = { title: 'Accueils des mairies' };

export default async function DesksPage() {
  await requireStaff('territory.manage');
  const desks = await listDesks();
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-bold">Accueils des mairies</h1>
      <p>Ce qui s’affiche sur la page publique « Autres moyens de signaler ». Laissé vide, un texte générique est montré.</p>
      {desks.map((desk) => (
        <ActionForm
          key={desk.insee}
          action={updateDeskAction}
          hidden={{ insee: desk.insee }}
          submitLabel="Enregistrer"
          title={desk.name}
          headingLevel={2}
          isSecondary
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={`adresse-${desk.insee}`} className="block text-sm font-medium">
                Adresse de l’accueil
              </label>
              <textarea
                id={`adresse-${desk.insee}`}
                name="deskAddress"
                rows={2}
                maxLength={300}
                defaultValue={desk.deskAddress ?? ''}
                className={inputClass()}
              />
            </div>
            <div>
              <label htmlFor={`horaires-${desk.insee}`} className="block text-sm font-medium">
                Horaires
              </label>
              <textarea
                id={`horaires-${desk.insee}`}
                name="deskHours"
                rows={2}
                maxLength={500}
                defaultValue={desk.deskHours ?? ''}
                className={inputClass()}
              />
            </div>
          </div>
        </ActionForm>
      ))}
    </div>
  );
}

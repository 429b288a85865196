import type { Metadata } from 'next';
import { ActionForm } from '@/components/staff/action-form';
import { inputClass } from '@/components/ui/field';
import { requireStaff } from '@/lib/auth';
import { updateTemplateAction } from '@/lib/reports/staff-actions';
import { STAFF_TEXT_MAX } from '@/lib/reports/staff-input';
import { listTemplates } from '@/lib/reports/templates';

export const metadata: Metadata = { title: 'Modèles de réponse' };

export default async function TemplatesPage() {
  await requireStaff('templates.manage');
  const templates = await listTemplates();
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-bold">Modèles de réponse</h1>
      <p>Le texte proposé au pôle quand il résout un signalement de chaque catégorie ; il reste modifiable avant l’envoi.</p>
      {templates.map((category) => (
        <ActionForm
          key={category.slug}
          action={updateTemplateAction}
          hidden={{ slug: category.slug }}
          submitLabel="Enregistrer"
          title={category.name}
          headingLevel={2}
        >
          <label htmlFor={`modele-${category.slug}`} className="sr-only">
            Modèle pour {category.name}
          </label>
          <textarea
            id={`modele-${category.slug}`}
            name="template"
            rows={3}
            maxLength={STAFF_TEXT_MAX}
            defaultValue={category.template ?? ''}
            className={inputClass()}
          />
        </ActionForm>
      ))}
    </div>
  );
}

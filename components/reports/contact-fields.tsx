import Link from 'next/link';
import { FieldErrors, TextField } from '@/components/ui/field';
import { FIELD_MAX_LENGTH } from '@/lib/reports/field-limits';
import type { FieldErrors as Errors } from '@/lib/reports/input';

const CONTACT_FIELDS = [
  { name: 'name', label: 'Nom', autoComplete: 'name' },
  { name: 'email', label: 'Adresse e-mail', type: 'email', autoComplete: 'email' },
  { name: 'phone', label: 'Téléphone', type: 'tel', autoComplete: 'tel' },
  { name: 'postalAddress', label: 'Adresse postale', autoComplete: 'street-address' },
] as const;

type Props = { errors?: Errors; idPrefix?: string; isForCaller?: boolean };

// Who the resident is: no field required alone, but the solution letter needs an e-mail or a postal address. An agent
// fills them in for a caller or a visitor: their browser must not offer the agent's own details.
export function ContactFields({ errors, idPrefix = '', isForCaller = false }: Props) {
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <fieldset className="space-y-4" aria-describedby={id('contact-needed')}>
      <legend className="text-lg font-semibold">{isForCaller ? 'Coordonnées de la personne' : 'Vos coordonnées'}</legend>
      {/* What the server requires (lib/reports/input.ts, checkAnswerChannel), said before anyone trips on it. */}
      <p id={id('contact-needed')} className="text-sm text-slate-700">
        {isForCaller ? (
          <>
            Il faut <strong>une adresse e-mail</strong>, ou <strong>une adresse postale</strong> pour le courrier décrivant la
            solution (relisez-la à la personne), ou cocher « La personne ne souhaite pas de réponse ». Le nom et le téléphone sont
            facultatifs.
          </>
        ) : (
          <>
            Indiquez <strong>une adresse e-mail</strong>, ou <strong>une adresse postale</strong> pour recevoir la réponse par
            courrier, ou cochez « Je ne souhaite pas de réponse ». Le nom et le téléphone sont facultatifs. Une fois le problème
            résolu, la Métropole vous envoie la solution. Ces informations ne sont visibles que des agents.
          </>
        )}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {CONTACT_FIELDS.map(({ name, ...field }) => (
          <TextField
            key={name}
            name={name}
            id={id(name)}
            maxLength={FIELD_MAX_LENGTH[name]}
            errors={errors?.[name]}
            {...field}
            autoComplete={isForCaller ? 'off' : field.autoComplete}
          />
        ))}
      </div>
      <div>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="noReply"
            className="size-5"
            aria-describedby={errors?.noReply ? id('noReply-error') : undefined}
          />
          {isForCaller ? 'La personne ne souhaite pas de réponse' : 'Je ne souhaite pas de réponse'}
        </label>
        <FieldErrors id={id('noReply-error')} errors={errors?.noReply} />
      </div>
      {!isForCaller && (
        <details className="rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
          <summary className="cursor-pointer font-medium">Vos données personnelles</summary>
          <p className="mt-2">
            Clermont Auvergne Métropole traite ces informations pour traiter votre signalement et vous en communiquer le résultat
            (mission d’intérêt public). Seuls les agents chargés du signalement y ont accès ; elles ne sont jamais publiées. Elles
            sont conservées un an après la clôture du signalement, puis effacées. Vous pouvez les effacer à tout moment depuis
            votre lien de suivi, et exercer vos droits d’accès, de rectification et d’opposition auprès du délégué à la protection
            des données de la Métropole, ou saisir la CNIL.{' '}
            <Link href="/donnees-personnelles" className="text-brand underline">
              En savoir plus sur vos données personnelles
            </Link>
          </p>
        </details>
      )}
    </fieldset>
  );
}

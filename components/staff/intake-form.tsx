'use client';

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import type { PickedPoint } from '@/components/map/location-picker-map';
import { CategoryPicker } from '@/components/reports/category-picker';
import { ContactFields } from '@/components/reports/contact-fields';
import { DescriptionField } from '@/components/reports/description-field';
import { DuplicateList } from '@/components/reports/duplicate-list';
import { LocationPicker, type LocationMode } from '@/components/reports/location-picker';
import { PhotoInput } from '@/components/reports/photo-input';
import { useDuplicates, useLocated } from '@/components/reports/use-report-lookups';
import { ErrorSummary, FormMessage, inputClass, SubmitButton } from '@/components/ui/field';
import { keepFieldsOnSubmit } from '@/components/ui/keep-fields-on-submit';
import type { Bounds } from '@/lib/geo';
import type { IntakeCategory } from '@/lib/reports/categories';
import { followForCallerAction, submitIntakeAction, type IntakeState } from '@/lib/reports/staff-actions';
import { IntakeReceipt } from './intake-receipt';

type Props = {
  categories: IntakeCategory[];
  communes: { insee: string; name: string; poleName?: string }[];
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  bounds: Bounds;
  severities: { key: string; label: string }[];
  idempotencyKey: string;
  isGeocoderEnabled: boolean;
  duplicateRadiusM: number;
  /** The agent's channel, or null for the administrator, who says which. */
  channel: 'phone' | 'counter' | null;
};

const MODES: readonly LocationMode[] = ['map', 'commune'];
const CHANNELS = ['phone', 'counter'] as const;

/**
 * A choice the agent keeps from one call to the next (how they place reports, the administrator's channel): kept in
 * this browser only, read after the first render so that the server's page and the browser's agree.
 */
function usePreference<T extends string>(name: string, initial: T, allowed: readonly T[]) {
  const key = `proximcite.intake.${name}`;
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const stored = window.localStorage.getItem(key);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored preference exists only in the browser
    if (stored && (allowed as readonly string[]).includes(stored)) setValue(stored as T);
  }, [key, allowed]);
  const choose = (next: T) => {
    setValue(next);
    window.localStorage.setItem(key, next);
  };
  return [value, choose] as const;
}

// An agent keys in a report for a caller or a visitor, keyboard first: the place by commune and address unless a pin
// is wanted, the severity the category suggests (the agent may change it), the person's contact for the answer.
export function IntakeForm(props: Props) {
  const [state, formAction, isPending] = useActionState<IntakeState, FormData>(submitIntakeAction, {});
  const [followState, followAction, isFollowing] = useActionState<IntakeState, FormData>(followForCallerAction, {});
  const [mode, setMode] = usePreference<LocationMode>('mode', 'commune', MODES);
  const [point, setPoint] = useState<PickedPoint | null>(null);
  const [category, setCategory] = useState('');
  const [severity, setSeverity] = useState('');
  const [adminChannel, setAdminChannel] = usePreference<'phone' | 'counter'>('channel', 'phone', CHANNELS);
  const [followed, setFollowed] = useState<string | null>(null);
  const located = useLocated(mode === 'map' ? point : null);
  const duplicates = useDuplicates(mode === 'map' ? point : null, category);
  const form = useRef<HTMLFormElement>(null);
  const suggested = props.categories.find((c) => c.slug === category)?.defaultSeverity ?? '';

  useEffect(() => {
    if (state.message || followState.message) form.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [state, followState]);

  const done = state.receipt ?? null;
  if (done || followState.followed) {
    return (
      <div className="space-y-6">
        {done ? (
          <IntakeReceipt receipt={done} channel={props.channel ?? adminChannel} />
        ) : (
          <FormMessage
            isError={false}
            message={`La personne suit maintenant le signalement ${followState.followed} : elle recevra sa réponse.`}
          />
        )}
        {/* A fresh page: an empty form and a new idempotency key for the next call. */}
        <a href="/gestion/nouveau" className="inline-block rounded bg-brand px-5 py-3 font-semibold text-white print:hidden">
          Nouveau signalement
        </a>
      </div>
    );
  }
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFieldsOnSubmit(formAction)}
      noValidate
      className="space-y-8"
      aria-label="Saisir un signalement"
    >
      <ErrorSummary message={state.message ?? followState.message} errors={state.fieldErrors ?? followState.fieldErrors} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.channel === null ? (
        <fieldset className="flex flex-wrap gap-6">
          <legend className="text-lg font-semibold">Canal</legend>
          {(['phone', 'counter'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="channel"
                value={value}
                checked={adminChannel === value}
                onChange={() => setAdminChannel(value)}
                className="size-5"
              />
              {value === 'phone' ? 'Téléphone (numéro vert)' : 'Accueil en mairie'}
            </label>
          ))}
        </fieldset>
      ) : null}
      <LocationPicker
        outlines={props.outlines}
        bounds={props.bounds}
        communes={props.communes}
        isGeocoderEnabled={props.isGeocoderEnabled}
        errors={state.fieldErrors}
        mode={mode}
        onModeChange={setMode}
        point={point}
        onPointChange={setPoint}
        located={located}
      />
      <CategoryPicker
        categories={props.categories}
        value={category}
        onChange={(slug) => {
          setCategory(slug);
          setSeverity('');
        }}
        errors={state.fieldErrors?.category}
      />
      <div>
        <label htmlFor="severity" className="block font-medium">
          Gravité
        </label>
        <p id="severity-hint" className="text-sm text-slate-600">
          Proposée selon la catégorie ; changez-la si la personne décrit un danger ou une gêne mineure.
        </p>
        <select
          id="severity"
          name="severity"
          value={severity || suggested}
          onChange={(event) => setSeverity(event.target.value)}
          aria-describedby="severity-hint"
          className={inputClass(!!state.fieldErrors?.severity)}
        >
          {!suggested && !severity && <option value="">Selon la catégorie</option>}
          {props.severities.map((level) => (
            <option key={level.key} value={level.key}>
              {level.label}
              {level.key === suggested ? ' (proposée)' : ''}
            </option>
          ))}
        </select>
      </div>
      <DuplicateList reports={duplicates} radiusM={props.duplicateRadiusM} onFollow={setFollowed} />
      {followed && (
        <div
          className="rounded border border-amber-300 bg-amber-50 p-4"
          role="group"
          aria-label="Ajouter la personne à un signalement"
        >
          <input type="hidden" name="reference" value={followed} />
          <p>
            La personne suivra <strong>{followed}</strong> et recevra sa réponse : aucun nouveau signalement n’est créé. Ses
            coordonnées ci-dessous sont reprises.
          </p>
          <div className="mt-2 flex gap-3">
            <button
              type="button"
              onClick={() => form.current && startTransition(() => followAction(new FormData(form.current!)))}
              disabled={isFollowing}
              className="rounded bg-brand px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {isFollowing ? 'Ajout…' : `Ajouter la personne à ${followed}`}
            </button>
            <button type="button" onClick={() => setFollowed(null)} className="rounded border border-slate-400 px-4 py-2">
              Annuler
            </button>
          </div>
        </div>
      )}
      <DescriptionField errors={state.fieldErrors?.description} />
      <PhotoInput errors={state.fieldErrors?.photos} />
      <ContactFields errors={state.fieldErrors ?? followState.fieldErrors} isForCaller />
      <SubmitButton isPending={isPending} pendingLabel="Enregistrement…">
        Enregistrer le signalement
      </SubmitButton>
    </form>
  );
}

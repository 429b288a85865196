'use client';

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import dynamic from 'next/dynamic';
import { useActionState, useEffect, useRef, useState } from 'react';
import type { PickedPoint } from '@/components/map/location-picker-map';
import { keepFieldsOnSubmit } from '@/components/ui/keep-fields-on-submit';
import { ErrorSummary, SubmitButton } from '@/components/ui/field';
import type { Bounds } from '@/lib/geo';
import { submitReport, type FormState } from '@/lib/reports/actions';
import type { PublicCategory } from '@/lib/reports/categories';
import { CategoryPicker } from './category-picker';
import { ContactFields } from './contact-fields';
import { DescriptionField } from './description-field';
import { Honeypot } from './honeypot';
import { LocationPicker, type LocationMode } from './location-picker';
import { PhotoInput } from './photo-input';
import { useDuplicates, useLocated } from './use-report-lookups';

// What the form shows after it was sent, near a report already there, or to follow one: loaded when needed, not with the page
// (the form's JavaScript stays under 150 kB). Rendered on the server too, for a form sent without JavaScript.
const ConfirmationBanner = dynamic(() => import('./confirmation-banner').then((m) => m.ConfirmationBanner));
const FollowForm = dynamic(() => import('./follow-form').then((m) => m.FollowForm));
const DuplicateList = dynamic(() => import('./duplicate-list').then((m) => m.DuplicateList));

type Props = {
  categories: PublicCategory[];
  communes: { insee: string; name: string }[];
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  bounds: Bounds;
  idempotencyKey: string;
  followKey: string;
  isGeocoderEnabled: boolean;
  duplicateRadiusM: number;
};

export function ReportForm(props: Props) {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(submitReport, {});
  const [mode, setMode] = useState<LocationMode>('map');
  const [point, setPoint] = useState<PickedPoint | null>(null);
  const [category, setCategory] = useState('');
  const [followed, setFollowed] = useState<string | null>(null);
  const located = useLocated(mode === 'map' ? point : null);
  const duplicates = useDuplicates(mode === 'map' ? point : null, category);
  const isOutside = mode === 'map' && point !== null && located.status === 'outside';
  const form = useRef<HTMLFormElement>(null);

  // After a refusal the summary takes the focus: it is read out, and lists every error with a link to its field.
  useEffect(() => {
    if (state.message) form.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [state]);

  if (state.confirmation) {
    return (
      <div className="space-y-4">
        <ConfirmationBanner {...state.confirmation} />
        <p>
          <a href={state.confirmation.privateUrl} className="font-medium text-brand underline">
            Voir le suivi de mon signalement
          </a>{' '}
          ·{' '}
          <a href="/signaler" className="font-medium text-brand underline">
            Signaler un autre problème
          </a>
        </p>
      </div>
    );
  }
  if (followed) {
    return <FollowForm reference={followed} idempotencyKey={props.followKey} onCancel={() => setFollowed(null)} />;
  }
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFieldsOnSubmit(formAction)}
      noValidate
      className="space-y-8"
      aria-label="Signaler un problème"
    >
      <ErrorSummary message={state.message} errors={state.fieldErrors} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <Honeypot />
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
        onChange={setCategory}
        errors={state.fieldErrors?.category}
      />
      {duplicates.length > 0 && <DuplicateList reports={duplicates} radiusM={props.duplicateRadiusM} onFollow={setFollowed} />}
      <DescriptionField errors={state.fieldErrors?.description} />
      <PhotoInput errors={state.fieldErrors?.photos} />
      <ContactFields errors={state.fieldErrors} />
      <div className="space-y-2">
        {isOutside && (
          <p className="font-medium text-red-800">Le repère est hors du territoire : le signalement ne peut pas être envoyé.</p>
        )}
        <SubmitButton isPending={isPending} isDisabled={isOutside} pendingLabel="Envoi en cours…">
          Envoyer le signalement
        </SubmitButton>
      </div>
    </form>
  );
}

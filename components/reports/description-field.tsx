'use client';

import { useState } from 'react';
import { describedBy, FieldErrors, inputClass } from '@/components/ui/field';
import { FIELD_MAX_LENGTH } from '@/lib/reports/field-limits';

export function DescriptionField({ errors }: { errors?: string[] }) {
  const [length, setLength] = useState(0);
  return (
    <div>
      <label htmlFor="description" className="block text-lg font-semibold">
        Description <span aria-hidden>*</span>
      </label>
      <p id="description-hint" className="text-sm text-slate-600">
        Ce que vous constatez, depuis quand, ce qui gêne. Ce texte est public : n’y mettez pas de coordonnées.
      </p>
      <textarea
        id="description"
        name="description"
        rows={5}
        maxLength={FIELD_MAX_LENGTH.description}
        onChange={(event) => setLength(event.target.value.length)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy('description', true, errors)}
        className={inputClass(!!errors?.length)}
      />
      <p className="text-right text-xs text-slate-500">
        {length} / {FIELD_MAX_LENGTH.description} caractères
      </p>
      <FieldErrors id="description-error" errors={errors} />
    </div>
  );
}

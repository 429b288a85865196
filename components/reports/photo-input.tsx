'use client';

import { useEffect, useRef, useState } from 'react';
import { describedBy, FieldErrors } from '@/components/ui/field';
import { PHOTO_LIMITS, PHOTO_TYPES } from '@/lib/reports/photo-limits';

// Previews before sending, and the same limits as the server (which checks again, on the real bytes).
export function PhotoInput({ errors }: { errors?: string[] }) {
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<{ file: File; preview: string }[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  // Preview URLs hold the image in memory until revoked: when replaced, and when the form goes away.
  useEffect(() => () => files.forEach(({ preview }) => URL.revokeObjectURL(preview)), [files]);

  function keep(chosen: File[]) {
    const problems: string[] = [];
    const kept = chosen.filter((file) => {
      if (!PHOTO_TYPES.includes(file.type)) problems.push(`« ${file.name} » n’est pas une image JPEG, PNG ou WebP.`);
      else if (file.size > PHOTO_LIMITS.maxBytes) problems.push(`« ${file.name} » dépasse 10 Mo.`);
      else return true;
      return false;
    });
    if (kept.length > PHOTO_LIMITS.maxCount)
      problems.push(`Vous pouvez joindre ${PHOTO_LIMITS.maxCount} photos au maximum : les premières sont gardées.`);
    const next = kept.slice(0, PHOTO_LIMITS.maxCount);
    const transfer = new DataTransfer();
    next.forEach((file) => transfer.items.add(file));
    if (input.current) input.current.files = transfer.files;
    setFiles(next.map((file) => ({ file, preview: URL.createObjectURL(file) })));
    setMessage(problems.join(' ') || null);
  }

  return (
    <div>
      <label htmlFor="photos" className="block text-lg font-semibold">
        Photos (facultatif)
      </label>
      <p id="photos-hint" className="text-sm text-slate-600">
        Jusqu’à 3 photos JPEG, PNG ou WebP de 10 Mo au plus. Leur position GPS et leurs autres métadonnées sont supprimées.
      </p>
      <input
        ref={input}
        id="photos"
        name="photos"
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        onChange={(event) => keep([...(event.target.files ?? [])])}
        aria-describedby={describedBy('photos', true, errors)}
        aria-invalid={errors?.length ? true : undefined}
        className="mt-2 block w-full text-sm file:mr-3 file:rounded file:border file:border-brand file:bg-white file:px-3 file:py-2 file:font-medium file:text-brand"
      />
      {message && (
        <p role="alert" className="mt-1 text-sm font-medium text-red-700">
          {message}
        </p>
      )}
      <FieldErrors id="photos-error" errors={errors} />
      {files.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-3" aria-label="Photos choisies">
          {files.map(({ file, preview }, i) => (
            <li key={preview} className="w-28 text-xs">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local blob preview, not an optimisable asset */}
              <img src={preview} alt={`Aperçu de ${file.name}`} className="h-24 w-28 rounded border object-cover" />
              <button
                type="button"
                className="mt-1 text-brand underline"
                onClick={() => keep(files.filter((_, j) => j !== i).map((entry) => entry.file))}
              >
                Retirer <span className="sr-only">{file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

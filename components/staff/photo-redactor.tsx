'use client';

import { useActionState, useRef, useState } from 'react';
import { FormMessage, inputClass } from '@/components/ui/field';
import { keepFieldsOnSubmit } from '@/components/ui/keep-fields-on-submit';
import { cn } from '@/lib/cn';
import { redactPhotoAction, type StaffFormState } from '@/lib/reports/staff-actions';
import { useAnnounce } from './action-announcer';

type Photo = { position: number; width: number; height: number; label: string; url: string };
/** In fractions of the photo's width and height, as the server takes them. */
type Rectangle = { x: number; y: number; width: number; height: number };
type Props = { reference: string; version: number; photos: Photo[] };

const FIELDS = [
  { key: 'x', label: 'Gauche' },
  { key: 'y', label: 'Haut' },
  { key: 'width', label: 'Largeur' },
  { key: 'height', label: 'Hauteur' },
] as const;

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const percent = (fraction: number) => Math.round(fraction * 1000) / 10;
/** A drag shorter than this (1 % of the photo) is a click, not a rectangle. */
const MIN_DRAG = 0.01;

// Drawing rectangles over a photo to blur or mask them, on the server. With a pointer: drag on the photo. Without: add
// a rectangle and type its place in percent of the photo. The preview blurs or darkens each area as the server will.
export function PhotoRedactor({ reference, version, photos }: Props) {
  const announce = useAnnounce();
  const [position, setPosition] = useState(photos[0]?.position ?? 0);
  const [rectangles, setRectangles] = useState<Rectangle[]>([]);
  const [mode, setMode] = useState<'blur' | 'fill'>('blur');
  const [drag, setDrag] = useState<{ x: number; y: number; rectangle: Rectangle } | null>(null);
  const surface = useRef<HTMLDivElement>(null);
  const [state, formAction, isPending] = useActionState(async (previous: StaffFormState, data: FormData) => {
    const result = await redactPhotoAction(previous, data);
    if (result.ok) {
      setRectangles([]);
      if (result.message) announce?.(result.message);
    }
    return result;
  }, {});
  const photo = photos.find((p) => p.position === position) ?? photos[0];
  if (!photo) return null;
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  const shown = drag ? [...rectangles, drag.rectangle] : rectangles;

  const pointAt = (event: React.PointerEvent) => {
    const box = surface.current!.getBoundingClientRect();
    return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
  };
  const onPointerDown = (event: React.PointerEvent) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const start = pointAt(event);
    setDrag({ ...start, rectangle: { ...start, width: 0, height: 0 } });
  };
  const onPointerMove = (event: React.PointerEvent) => {
    if (!drag) return;
    const at = pointAt(event);
    setDrag({
      ...drag,
      rectangle: {
        x: Math.min(drag.x, at.x),
        y: Math.min(drag.y, at.y),
        width: Math.abs(at.x - drag.x),
        height: Math.abs(at.y - drag.y),
      },
    });
  };
  const onPointerUp = () => {
    if (drag && drag.rectangle.width >= MIN_DRAG && drag.rectangle.height >= MIN_DRAG) {
      setRectangles((list) => [...list, drag.rectangle]);
    }
    setDrag(null);
  };
  const update = (index: number, key: keyof Rectangle, value: string) => {
    const fraction = Number(value.replace(',', '.')) / 100;
    setRectangles((list) => list.map((r, i) => (i === index ? { ...r, [key]: Number.isFinite(fraction) ? fraction : 0 } : r)));
  };

  return (
    <form
      action={formAction}
      onSubmit={keepFieldsOnSubmit(formAction)}
      className="space-y-3"
      aria-label="Flouter ou masquer une partie d’une photo"
    >
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="position" value={photo.position} />
      <input type="hidden" name="rectangles" value={JSON.stringify(rectangles)} />
      {photos.length > 1 && (
        <div>
          <label htmlFor="redact-photo" className="block text-sm font-medium">
            Photo
          </label>
          <select
            id="redact-photo"
            value={photo.position}
            onChange={(event) => {
              setPosition(Number(event.target.value));
              setRectangles([]);
            }}
            className={inputClass()}
          >
            {photos.map((p) => (
              <option key={p.position} value={p.position}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <p id="redact-help" className="text-sm text-slate-700">
        Tracez un rectangle sur chaque visage, plaque ou nom à cacher (glisser sur la photo), ou ajoutez-en un et saisissez sa
        position en pourcentage de la photo.
      </p>
      <div
        ref={surface}
        className="relative w-full cursor-crosshair touch-none select-none overflow-hidden rounded border border-slate-300"
        style={{ aspectRatio: `${photo.width} / ${photo.height}` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- served by the staff photo route, redrawn after a change */}
        <img
          src={`${photo.url}?v=${version}`}
          alt={`${photo.label}, à flouter ou masquer en partie`}
          width={photo.width}
          height={photo.height}
          draggable={false}
          className="block h-full w-full"
        />
        {shown.map((r, index) => (
          <div
            key={index}
            aria-hidden
            className={cn(
              'absolute border-2 border-amber-400 outline outline-1 outline-black',
              mode === 'fill' ? 'bg-neutral-800' : 'backdrop-blur-md',
            )}
            style={{ left: `${r.x * 100}%`, top: `${r.y * 100}%`, width: `${r.width * 100}%`, height: `${r.height * 100}%` }}
          >
            <span className="absolute left-0 top-0 bg-amber-400 px-1 text-xs font-bold text-black">{index + 1}</span>
          </div>
        ))}
      </div>

      {rectangles.length > 0 && (
        <ol className="space-y-2">
          {rectangles.map((r, index) => (
            <li key={index}>
              <fieldset className="rounded border border-slate-200 p-2">
                <legend className="px-1 text-sm font-semibold">Rectangle {index + 1} (en % de la photo)</legend>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {FIELDS.map(({ key, label }) => (
                    <div key={key}>
                      <label htmlFor={`rect-${index}-${key}`} className="block text-sm">
                        {label}
                      </label>
                      <input
                        id={`rect-${index}-${key}`}
                        type="number"
                        inputMode="decimal"
                        min={0}
                        max={100}
                        step={0.1}
                        value={percent(r[key])}
                        onChange={(event) => update(index, key, event.target.value)}
                        className={inputClass()}
                      />
                    </div>
                  ))}
                </div>
                <button
                  type="button"
                  onClick={() => setRectangles((list) => list.filter((_, i) => i !== index))}
                  className="mt-2 text-sm text-brand underline"
                >
                  Retirer le rectangle {index + 1}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        onClick={() => setRectangles((list) => [...list, { x: 0.4, y: 0.4, width: 0.2, height: 0.2 }])}
        className="rounded border border-brand px-3 py-1 text-sm font-semibold text-brand hover:bg-blue-50"
      >
        Ajouter un rectangle
      </button>

      <fieldset>
        <legend className="text-sm font-medium">Dans les rectangles</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(
            [
              ['blur', 'Flouter'],
              ['fill', 'Masquer (remplir en gris foncé)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                className="size-4"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-slate-700">
        La photo publiée est remplacée ; l’original reste visible des seuls agents, ou est effacé, selon le réglage du service.
      </p>
      {!(announce && state.ok) && <FormMessage message={state.message} isError={state.ok === false} />}
      {errors.length > 0 && (
        <ul className="list-disc pl-5 text-sm font-medium text-red-700">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        disabled={isPending || rectangles.length === 0}
        className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {isPending ? 'En cours…' : mode === 'blur' ? 'Flouter ces zones' : 'Masquer ces zones'}
      </button>
    </form>
  );
}

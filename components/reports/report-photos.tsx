type PhotoKind = 'resident' | 'resolution';

type Photo = { position: number; width: number; height: number; kind: PhotoKind };

const GROUPS: { kind: PhotoKind; title: string; alt: (n: number) => string }[] = [
  { kind: 'resident', title: 'Photos', alt: (n) => `Photo ${n} du signalement` },
  { kind: 'resolution', title: 'Après intervention', alt: (n) => `Photo ${n} de l’intervention (service fait)` },
];

/**
 * A report's photos, each opening full size, the resident's then the « service fait » ones. `photoUrl` is where they
 * are served from: the public route, the reporter's private link or the staff route (each decides what it serves).
 */
export function ReportPhotos({
  photos,
  photoUrl,
  noteOf,
}: {
  photos: Photo[];
  photoUrl: (position: number) => string;
  /** A line under a photo (the staff page says which are hidden or redacted). */
  noteOf?: (photo: Photo) => string | null;
}) {
  return GROUPS.map(({ kind, title, alt }) => {
    const group = photos.filter((photo) => photo.kind === kind);
    if (group.length === 0) return null;
    const id = `photos-${kind}-titre`;
    return (
      <section key={kind} aria-labelledby={id}>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {group.map((photo, index) => (
            <li key={photo.position}>
              <a href={photoUrl(photo.position)}>
                {/* eslint-disable-next-line @next/next/no-img-element -- served resized by our own route */}
                <img
                  src={photoUrl(photo.position)}
                  alt={alt(index + 1)}
                  width={photo.width}
                  height={photo.height}
                  className="h-40 w-auto rounded border object-cover"
                />
              </a>
              {noteOf?.(photo) && <p className="mt-1 text-sm font-medium text-violet-900">{noteOf(photo)}</p>}
            </li>
          ))}
        </ul>
      </section>
    );
  });
}

export const publicPhotoUrl = (reference: string) => (position: number) => `/api/reports/${reference}/photos/${position}`;

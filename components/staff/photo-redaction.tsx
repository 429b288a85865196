import type { StaffReportPage } from '@/lib/reports/staff-report';
import { ActionAnnouncer } from './action-announcer';
import { PhotoRedactor } from './photo-redactor';

type Report = StaffReportPage['report'];

// For moderators: hide what must not be published in a photo (a face, a number plate, a name) without hiding the
// whole photo. Each photo the public may see is offered; a redacted one links to its original while it is kept.
export function PhotoRedaction({ report }: { report: Report }) {
  const url = (position: number) => `/gestion/signalements/${report.reference}/photos/${position}`;
  const count = { resident: 0, resolution: 0 };
  const photos = report.photos
    .filter((photo) => !photo.hiddenAt)
    .map((photo) => {
      const n = ++count[photo.kind];
      const label = photo.kind === 'resident' ? `Photo ${n} de l’usager` : `Photo ${n} après intervention`;
      return { ...photo, label, url: url(photo.position) };
    });
  if (photos.length === 0) return null;
  const originals = photos.filter((photo) => photo.hasOriginal);
  return (
    <section aria-labelledby="redaction-titre" className="space-y-3 rounded border border-violet-200 p-4">
      <h2 id="redaction-titre" className="text-lg font-semibold">
        Flouter ou masquer une partie d’une photo
      </h2>
      <ActionAnnouncer>
        <PhotoRedactor reference={report.reference} version={report.version} photos={photos} />
      </ActionAnnouncer>
      {originals.length > 0 && (
        <ul className="text-sm">
          {originals.map((photo) => (
            <li key={photo.position}>
              <a href={`${photo.url}?original=1`} className="text-brand underline">
                {photo.label} : l’original, avant floutage ou masquage (agents seulement)
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

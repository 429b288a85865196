type Photo = { position: number; width: number; height: number };

// A report's photos, each opening full size: the public page and the staff page show them alike.
export function ReportPhotos({ reference, photos }: { reference: string; photos: Photo[] }) {
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-titre">
      <h2 id="photos-titre" className="text-lg font-semibold">
        Photos
      </h2>
      <ul className="mt-2 flex flex-wrap gap-3">
        {photos.map((photo) => (
          <li key={photo.position}>
            <a href={`/api/reports/${reference}/photos/${photo.position}`}>
              {/* eslint-disable-next-line @next/next/no-img-element -- served resized by our own route */}
              <img
                src={`/api/reports/${reference}/photos/${photo.position}`}
                alt={`Photo ${photo.position + 1} du signalement`}
                width={photo.width}
                height={photo.height}
                className="h-40 w-auto rounded border object-cover"
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

import 'server-only';
import sharp from 'sharp';
import { PHOTO_LIMITS } from './photo-limits';

export type ProcessedPhoto = { contentType: 'image/jpeg'; width: number; height: number; bytes: Uint8Array };
export type PhotosOutcome = { ok: true; photos: ProcessedPhoto[] } | { ok: false; message: string };

type Format = 'jpeg' | 'png' | 'webp';

const refusal = {
  tooMany: () => `Vous pouvez joindre ${PHOTO_LIMITS.maxCount} photos au maximum.`,
  tooHeavy: (name: string) => `La photo « ${name} » dépasse ${PHOTO_LIMITS.maxBytes / 1024 / 1024} Mo.`,
  notImage: (name: string) => `La photo « ${name} » n’est pas une image JPEG, PNG ou WebP.`,
  tooLarge: (name: string) => `La photo « ${name} » est trop grande (dimensions excessives).`,
  unreadable: (name: string) => `La photo « ${name} » est illisible ou endommagée.`,
  empty: (name: string) => `Le fichier « ${name} » est vide : choisissez une autre photo.`,
};

const startsWith = (bytes: Buffer, signature: string, at = 0) =>
  bytes.subarray(at, at + signature.length).equals(Buffer.from(signature, 'latin1'));

// The bytes decide, never the declared type or the name. Sniffing before sharp also keeps SVG, PDF, TIFF, HEIF and
// the rest away from their decoders: sharp would happily parse them, and each parser is attack surface we don't need.
function sniff(bytes: Buffer): Format | undefined {
  if (startsWith(bytes, '\xff\xd8\xff')) return 'jpeg';
  if (startsWith(bytes, '\x89PNG\r\n\x1a\n')) return 'png';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
  return undefined;
}

// What an empty <input type="file"> submits: an empty File, nameless from a browser, named "undefined" once through
// React's encoding of a FormData. A named empty file is something the resident chose: it is refused, not ignored.
const isEmptyEntry = (file: File) => file.size === 0 && (file.name === '' || file.name === 'undefined' || file.name === 'blob');

/**
 * Checks and re-encodes residents' photos: at most 3, each a real JPEG, PNG or WebP under 10 Mo, returned as JPEG of
 * at most 2048 px, upright, without any metadata. Refuses with one French message naming the first bad file.
 */
export async function processPhotos(files: File[]): Promise<PhotosOutcome> {
  const entries = files.filter((file) => !isEmptyEntry(file));
  if (entries.length > PHOTO_LIMITS.maxCount) return { ok: false, message: refusal.tooMany() };

  const labels = entries.map((file, index) => file.name || `photo ${index + 1}`);
  // Every cheap refusal before any decoding.
  const empty = entries.findIndex((file) => file.size === 0);
  if (empty >= 0) return { ok: false, message: refusal.empty(labels[empty]!) };
  const heavy = entries.findIndex((file) => file.size > PHOTO_LIMITS.maxBytes);
  if (heavy >= 0) return { ok: false, message: refusal.tooHeavy(labels[heavy]!) };

  const photos: ProcessedPhoto[] = [];
  // One at a time: the memory of a request is that of its largest photo, not the sum of three.
  for (const [index, file] of entries.entries()) {
    const photo = await processPhoto(file, labels[index]!);
    if (typeof photo === 'string') return { ok: false, message: photo };
    photos.push(photo);
  }
  return { ok: true, photos };
}

/** One photo re-encoded, or the message refusing it. */
async function processPhoto(file: File, label: string): Promise<ProcessedPhoto | string> {
  const input = Buffer.from(await file.arrayBuffer());
  const format = sniff(input);
  if (!format) return refusal.notImage(label);
  try {
    // metadata() reads the header only; with sharp's own pixel limit a bomb would throw an error indistinguishable
    // from a corrupt file, so we lift it here to measure the dimensions and refuse with the right message.
    const header = await sharp(input, { limitInputPixels: false }).metadata();
    if (header.format !== format) return refusal.notImage(label);
    if (header.width * header.height > PHOTO_LIMITS.maxInputPixels) return refusal.tooLarge(label);

    // failOn 'error' refuses truncated or undecodable data but tolerates the benign warnings (stray bytes before a
    // marker) common in files straight from phones. An animated WebP or PNG keeps its first frame (sharp's default):
    // it still shows the place, and refusing it would puzzle the resident more than it protects anything.
    // No withMetadata/keepExif: sharp then writes no EXIF (GPS, camera serial), XMP, IPTC nor ICC profile, after
    // converting the colours to sRGB. Transparent areas would otherwise come out black in a JPEG.
    const { data, info } = await sharp(input, { limitInputPixels: PHOTO_LIMITS.maxInputPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: PHOTO_LIMITS.maxEdgePx, height: PHOTO_LIMITS.maxEdgePx, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { contentType: 'image/jpeg', width: info.width, height: info.height, bytes: data };
  } catch {
    return refusal.unreadable(label);
  }
}

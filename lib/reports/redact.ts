import sharp, { type OverlayOptions, type Sharp } from 'sharp';

// Redaction of a photo: staff draw rectangles over what must not be published (a face, a number plate, a name on a
// letterbox) and each is blurred past recognition or filled. Pure: bytes in, bytes out; the command decides the rest.

/** A rectangle in photo-relative coordinates: 0 is the left or top edge, 1 the right or bottom one. */
export type Rectangle = { x: number; y: number; width: number; height: number };
export const REDACTION_MODES = ['blur', 'fill'] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export const MAX_RECTANGLES = 20;

/** The fill colour: dark grey rather than black, so that a filled area reads as deliberate, not as a broken image. */
const FILL = { r: 40, g: 40, b: 40 };

/** The pixel box of a rectangle, rounded outwards: a rectangle drawn to the edge of a face covers all of it. */
export function pixelBox(rectangle: Rectangle, width: number, height: number) {
  // Within a millionth of a pixel is on the pixel: 0.301 × 1000 is 301.00000000000006 in floating point.
  const floor = (value: number) => Math.floor(value + 1e-6);
  const ceil = (value: number) => Math.ceil(value - 1e-6);
  const left = Math.max(0, floor(rectangle.x * width));
  const top = Math.max(0, floor(rectangle.y * height));
  const right = Math.min(width, ceil((rectangle.x + rectangle.width) * width));
  const bottom = Math.min(height, ceil((rectangle.y + rectangle.height) * height));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

type Box = ReturnType<typeof pixelBox>;

/**
 * The area as coarse blocks (about 10 across its shorter side, 12 px at least), then blurred: a Gaussian blur alone
 * can be partly undone, and faces stay recognisable under a light one. Computed from the area's own pixels only, so
 * nothing of it leaks outside and nothing outside bleeds in.
 */
async function blurred(pixels: Sharp, box: Box): Promise<Buffer> {
  const block = Math.max(12, Math.round(Math.min(box.width, box.height) / 10));
  const coarse = await pixels
    .clone()
    .extract(box)
    .resize(Math.max(1, Math.round(box.width / block)), Math.max(1, Math.round(box.height / block)), { fit: 'fill' })
    .png()
    .toBuffer();
  return sharp(coarse)
    .resize(box.width, box.height, { fit: 'fill', kernel: 'nearest' })
    .blur(Math.max(2, block / 2))
    .png()
    .toBuffer();
}

/**
 * The photo with each rectangle blurred or filled, re-encoded as JPEG without any metadata (sharp writes none unless
 * asked). Outside the rectangles the pixels are the photo's, up to the noise of a new JPEG encoding.
 */
export async function redactPhoto(
  bytes: Uint8Array,
  rectangles: readonly Rectangle[],
  mode: RedactionMode,
): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  // rotate(): a stored photo is already upright without metadata; this only matters for one that is not.
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const pixels = sharp(data, raw);
  const layers: OverlayOptions[] = [];
  for (const rectangle of rectangles) {
    const box = pixelBox(rectangle, info.width, info.height);
    const input =
      mode === 'fill'
        ? { create: { width: box.width, height: box.height, channels: 3 as const, background: FILL } }
        : await blurred(pixels, box);
    layers.push({ input, left: box.left, top: box.top });
  }
  const output = await sharp(data, raw)
    .composite(layers)
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { bytes: output.data, width: output.info.width, height: output.info.height };
}

import sharp from 'sharp';
import type { Rectangle } from '@/lib/reports/redact';

// Photos drawn for the tests (no binary file in the repository), and how two of them differ, region by region.

/**
 * A detailed but smooth scene, as a photo is: waves a dozen pixels wide in each channel. A strong blur flattens them
 * to their mean; a new JPEG encoding barely changes them.
 */
export async function scenePhoto(width = 480, height = 360): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = 128 + 100 * Math.sin(x / 4) * Math.cos(y / 5);
      pixels[i + 1] = 128 + 90 * Math.sin((x + y) / 6);
      pixels[i + 2] = 100 + 80 * Math.cos((x - 2 * y) / 7);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}

type Decoded = { data: Buffer; width: number; height: number };

export async function decode(bytes: Uint8Array): Promise<Decoded> {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The mean absolute difference per channel (0–255) of two photos of one size, inside the rectangles and outside
 * them; `margin` pixels around each rectangle count as neither (a JPEG block straddling its edge mixes both).
 */
export async function differenceByRegion(before: Uint8Array, after: Uint8Array, rectangles: Rectangle[], margin = 8) {
  const [a, b] = await Promise.all([decode(before), decode(after)]);
  if (a.width !== b.width || a.height !== b.height) throw new Error('the photos differ in size');
  const boxes = rectangles.map((r) => ({
    left: r.x * a.width,
    top: r.y * a.height,
    right: (r.x + r.width) * a.width,
    bottom: (r.y + r.height) * a.height,
  }));
  const sums = { inside: 0, insideCount: 0, outside: 0, outsideCount: 0 };
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const distance = (box: (typeof boxes)[number]) =>
        Math.max(box.left - x, x + 1 - box.right, box.top - y, y + 1 - box.bottom);
      const nearest = Math.min(...boxes.map(distance));
      const region = nearest <= 0 ? 'inside' : nearest > margin ? 'outside' : null;
      if (!region) continue;
      const i = (y * a.width + x) * 3;
      const diff =
        Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
      sums[region] += diff / 3;
      sums[`${region}Count`] += 1;
    }
  }
  return { inside: sums.inside / sums.insideCount, outside: sums.outside / sums.outsideCount };
}

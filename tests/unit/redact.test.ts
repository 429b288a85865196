import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pixelBox, redactPhoto, type Rectangle } from '@/lib/reports/redact';
import { decode, differenceByRegion, scenePhoto } from '../helpers/images';

// The redaction itself, on a photo drawn here: what changes inside the rectangles, what does not outside.

const FACE: Rectangle = { x: 0.25, y: 0.2, width: 0.3, height: 0.35 };
const PLATE: Rectangle = { x: 0.7, y: 0.75, width: 0.2, height: 0.1 };

describe('redactPhoto', () => {
  it('blurs the inside of each rectangle strongly and leaves the outside as it was', async () => {
    const photo = await scenePhoto();
    const redacted = await redactPhoto(photo, [FACE, PLATE], 'blur');
    const difference = await differenceByRegion(photo, redacted.bytes, [FACE, PLATE]);
    expect(difference.inside).toBeGreaterThan(40);
    expect(difference.outside).toBeLessThan(3);
  });

  it('fills the inside of each rectangle with one dark colour', async () => {
    const photo = await scenePhoto();
    const redacted = await redactPhoto(photo, [FACE], 'fill');
    const difference = await differenceByRegion(photo, redacted.bytes, [FACE]);
    expect(difference.inside).toBeGreaterThan(40);
    expect(difference.outside).toBeLessThan(3);
    const { data, width, height } = await decode(redacted.bytes);
    const box = pixelBox(FACE, width, height);
    // The middle of the filled area, away from the JPEG blocks that straddle its edges: flat dark grey.
    for (const [x, y] of [
      [box.left + 10, box.top + 10],
      [box.left + box.width - 10, box.top + box.height - 10],
      [box.left + Math.floor(box.width / 2), box.top + Math.floor(box.height / 2)],
    ]) {
      const i = (y! * width + x!) * 3;
      for (const channel of [0, 1, 2]) expect(Math.abs(data[i + channel]! - 40)).toBeLessThan(6);
    }
  });

  it('leaves no trace of the photo’s detail inside a blurred rectangle', async () => {
    const photo = await scenePhoto();
    const redacted = await redactPhoto(photo, [FACE], 'blur');
    /** How much a pixel differs from the one 6 px to its right, on average, well inside the rectangle. */
    const detail = async (bytes: Uint8Array) => {
      const { data, width, height } = await decode(bytes);
      const box = pixelBox(FACE, width, height);
      let sum = 0;
      let n = 0;
      for (let y = box.top + 12; y < box.top + box.height - 12; y += 2) {
        for (let x = box.left + 12; x < box.left + box.width - 18; x += 2) {
          for (const c of [0, 1, 2]) sum += Math.abs(data[(y * width + x) * 3 + c]! - data[(y * width + x + 6) * 3 + c]!);
          n += 3;
        }
      }
      return sum / n;
    };
    const [before, after] = [await detail(photo), await detail(redacted.bytes)];
    expect(before).toBeGreaterThan(40);
    expect(after).toBeLessThan(before / 8);
  });

  it('re-encodes as a JPEG of the same size, without any metadata', async () => {
    const withExif = await sharp(await scenePhoto(200, 100))
      .withMetadata({ exif: { IFD0: { Artist: 'Dominique Privé', Copyright: 'GPS 45.77,3.08' } } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const redacted = await redactPhoto(withExif, [FACE], 'fill');
    const meta = await sharp(redacted.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 100 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(Buffer.from(redacted.bytes).includes('Dominique')).toBe(false);
    expect(redacted).toMatchObject({ width: 200, height: 100 });
  });

  it('covers a rectangle touching the edges, and overlapping rectangles', async () => {
    const photo = await scenePhoto();
    const corner: Rectangle = { x: 0.8, y: 0, width: 0.2, height: 0.3 };
    const overlapping: Rectangle = { x: 0.3, y: 0.3, width: 0.3, height: 0.3 };
    const redacted = await redactPhoto(photo, [corner, FACE, overlapping], 'blur');
    const difference = await differenceByRegion(photo, redacted.bytes, [corner, FACE, overlapping]);
    expect(difference.inside).toBeGreaterThan(40);
    expect(difference.outside).toBeLessThan(3);
  });

  it('rounds a rectangle outwards to whole pixels, within the photo', () => {
    expect(pixelBox({ x: 0.101, y: 0.5, width: 0.2, height: 0.5 }, 1000, 10)).toEqual({
      left: 101,
      top: 5,
      width: 200,
      height: 5,
    });
    expect(pixelBox({ x: 0.1234, y: 0.1234, width: 0.0001, height: 0.0001 }, 100, 100)).toEqual({
      left: 12,
      top: 12,
      width: 1,
      height: 1,
    });
    expect(pixelBox({ x: 0.9, y: 0.9, width: 0.1, height: 0.1 }, 333, 333)).toEqual({
      left: 299,
      top: 299,
      width: 34,
      height: 34,
    });
  });
});

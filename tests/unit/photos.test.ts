import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { processPhotos, type ProcessedPhoto } from '@/lib/reports/photos';

// Every fixture is drawn here with sharp or by hand: no binary file in the repository.

const fileOf = (bytes: Uint8Array | string, name: string, type = 'image/jpeg') =>
  new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });

const plain = (width: number, height: number, background = '#2a6f97') =>
  sharp({ create: { width, height, channels: 3, background } });

const jpegFile = async (name = 'rue.jpg', width = 320, height = 240) =>
  fileOf(await plain(width, height).jpeg().toBuffer(), name);

// What an empty <input type="file"> submits.
const emptyEntry = () => new File([], '', { type: 'application/octet-stream' });

async function accepted(files: File[]): Promise<ProcessedPhoto[]> {
  const outcome = await processPhotos(files);
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.photos;
}

async function refusal(files: File[]): Promise<string> {
  const outcome = await processPhotos(files);
  if (outcome.ok) throw new Error('accepted');
  return outcome.message;
}

const crc32 = (bytes: Uint8Array) => {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
};

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid black-and-white PNG of side × side pixels: all zeros, so it deflates ~1000:1. */
function bombPng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth 1, colour type 0 (grey), default compression, filter and interlace
  const rows = Buffer.alloc((Math.ceil(side / 8) + 1) * side);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('processPhotos refusals', () => {
  it('refuses a fourth photo', async () => {
    const files = await Promise.all(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'].map((name) => jpegFile(name)));

    expect(await refusal(files)).toBe('Vous pouvez joindre 3 photos au maximum.');
  });

  it('refuses a file over 10 Mo by its size, before reading it', async () => {
    const bytes = new Uint8Array(11 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;

    expect(await refusal([await jpegFile('ok.jpg'), fileOf(bytes, 'x.jpg')])).toBe('La photo « x.jpg » dépasse 10 Mo.');
  });

  it.each([
    ['a GIF', 'chat.gif', async () => fileOf(await plain(40, 30).gif().toBuffer(), 'chat.gif', 'image/gif')],
    ['a GIF named and typed as a JPEG', 'chat.jpg', async () => fileOf(await plain(40, 30).gif().toBuffer(), 'chat.jpg')],
    [
      'an SVG, which sharp itself would render',
      'dessin.png',
      async () => fileOf('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>', 'dessin.png', 'image/png'),
    ],
    ['a text file renamed .jpg', 'notes.jpg', async () => fileOf('Rue des Gras, trottoir défoncé.', 'notes.jpg')],
    [
      'a PDF renamed .jpg',
      'facture.jpg',
      async () => fileOf('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF', 'facture.jpg'),
    ],
  ])('refuses %s', async (_kind, name, make) => {
    expect(await refusal([await make()])).toBe(`La photo « ${name} » n’est pas une image JPEG, PNG ou WebP.`);
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await plain(320, 240).jpeg().toBuffer();

    expect(await refusal([fileOf(whole.subarray(0, whole.length / 2), 'broken.jpg')])).toBe(
      'La photo « broken.jpg » est illisible ou endommagée.',
    );
  });

  it('refuses a file that starts like a JPEG and is nothing more', async () => {
    expect(await refusal([fileOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'debut.jpg')])).toBe(
      'La photo « debut.jpg » est illisible ou endommagée.',
    );
  });

  it('refuses a decompression bomb by its declared dimensions', async () => {
    const bomb = bombPng(20_000);
    // The fixture is what it claims: a small, valid PNG that would decode to 400 million pixels.
    expect(bomb.length).toBeLessThan(100_000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ format: 'png', width: 20_000 });

    expect(await refusal([fileOf(bomb, 'bomb.png', 'image/png')])).toBe(
      'La photo « bomb.png » est trop grande (dimensions excessives).',
    );
  });

  it('names a nameless photo by its position', async () => {
    expect(await refusal([await jpegFile('a.jpg'), fileOf('pas une image', '')])).toBe(
      'La photo « photo 2 » n’est pas une image JPEG, PNG ou WebP.',
    );
  });
});

describe('processPhotos', () => {
  // A 4000×3000 phone photo held sideways: stored landscape with Orientation 6 (turn 90° clockwise), a red band
  // along its stored top edge, GPS coordinates, the camera's make, an XMP author and an ICC profile.
  let original: Buffer;
  let photo: ProcessedPhoto;

  beforeAll(async () => {
    original = await plain(4000, 3000)
      .composite([{ input: { create: { width: 4000, height: 600, channels: 3, background: '#ff0000' } }, top: 0, left: 0 }])
      .withExif({
        IFD0: { Make: 'Fairphone', Model: 'FP5' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 46/1 38/1', GPSLongitudeRef: 'E', GPSLongitude: '3/1 4/1 55/1' },
      })
      // withExif's Orientation tag is overwritten by sharp's own orientation field, hence withMetadata.
      .withMetadata({ orientation: 6 })
      .withIccProfile('p3')
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Jeanne</dc:creator></x:xmpmeta>',
      )
      .jpeg()
      .toBuffer();
    [photo] = (await accepted([fileOf(original, 'IMG_0042.jpg')])) as [ProcessedPhoto];
  });

  it('starts from a photo that carries orientation, GPS, XMP and ICC', async () => {
    const input = await sharp(original).metadata();

    expect(input).toMatchObject({ width: 4000, height: 3000, orientation: 6 });
    expect(input.exif?.includes(Buffer.from('Fairphone'))).toBe(true);
    expect(input.exif?.includes(Buffer.from([0x88, 0x25])) || input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer
    expect(input.xmpAsString).toContain('Jeanne');
    expect(input.icc).toBeDefined();
  });

  it('fits the long edge within 2048 px and turns the photo upright', async () => {
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 1536, height: 2048 });
    const { width, height, format } = await sharp(photo.bytes).metadata();
    expect({ width, height, format }).toEqual({ width: 1536, height: 2048, format: 'jpeg' });
  });

  it('turns it clockwise: the stored top edge ends up on the right', async () => {
    const { data, info } = await sharp(photo.bytes).raw().toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;

    expect(red(info.width - 10, info.height / 2)).toBeGreaterThan(200);
    expect(red(10, info.height / 2)).toBeLessThan(100);
  });

  it('writes no EXIF, GPS, XMP, IPTC, ICC profile or orientation', async () => {
    const output = await sharp(photo.bytes).metadata();

    expect(output.exif).toBeUndefined();
    expect(output.xmp).toBeUndefined();
    expect(output.iptc).toBeUndefined();
    expect(output.icc).toBeUndefined();
    expect(output.orientation).toBeUndefined();
    expect(Buffer.from(photo.bytes).includes(Buffer.from('Fairphone'))).toBe(false);
  });

  it.each([
    ['PNG', 'image/png', 'plan.png', () => plain(800, 600).png().toBuffer()],
    ['WebP', 'image/webp', 'trottoir.webp', () => plain(800, 600).webp().toBuffer()],
  ])('accepts a %s and re-encodes it as JPEG', async (_format, type, name, make) => {
    const [output] = await accepted([fileOf(await make(), name, type)]);

    expect(output).toMatchObject({ contentType: 'image/jpeg', width: 800, height: 600 });
    expect((await sharp(output!.bytes).metadata()).format).toBe('jpeg');
  });

  it('trusts the bytes over the name: a PNG called .jpg is accepted', async () => {
    const [output] = await accepted([fileOf(await plain(100, 80).png().toBuffer(), 'photo.jpg')]);

    expect(output).toMatchObject({ width: 100, height: 80 });
  });

  it('does not enlarge a small photo', async () => {
    const [output] = await accepted([await jpegFile('petite.jpg', 640, 480)]);

    expect(output).toMatchObject({ width: 640, height: 480 });
  });

  it('paints transparent areas white, not black', async () => {
    const clear = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const [output] = await accepted([fileOf(clear, 'logo.png', 'image/png')]);
    const pixels = await sharp(output!.bytes).raw().toBuffer();

    expect(Math.min(...pixels)).toBeGreaterThan(245);
  });

  it('keeps the first frame of an animated WebP', async () => {
    // Three 30×20 frames stacked: red, blue, green (the WebP encoder merges identical frames).
    const band = (background: string, top: number) => ({
      input: { create: { width: 30, height: 20, channels: 3 as const, background } },
      top,
      left: 0,
    });
    const { data, info } = await plain(30, 60)
      .composite([band('#ff0000', 0), band('#00ff00', 40)])
      .raw()
      .toBuffer({ resolveWithObject: true });
    const animated = await sharp(data, { raw: { width: 30, height: 60, channels: info.channels, pageHeight: 20 } })
      .webp({ loop: 0 })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);

    const [output] = await accepted([fileOf(animated, 'anim.webp', 'image/webp')]);

    expect(output).toMatchObject({ width: 30, height: 20 });
    expect((await sharp(output!.bytes).raw().toBuffer())[0]).toBeGreaterThan(200);
  });

  it('ignores the empty entries of unused file inputs, which do not count towards the 3', async () => {
    const photos = await accepted([
      emptyEntry(),
      new File([], 'undefined'),
      await jpegFile('a.jpg'),
      emptyEntry(),
      await jpegFile('b.jpg'),
      emptyEntry(),
    ]);

    expect(photos).toHaveLength(2);
  });

  it('refuses an empty file the resident chose, naming it', async () => {
    expect(await processPhotos([new File([], 'trottoir.jpg', { type: 'image/jpeg' })])).toEqual({
      ok: false,
      message: 'Le fichier « trottoir.jpg » est vide : choisissez une autre photo.',
    });
  });

  it('accepts no photo at all', async () => {
    expect(await processPhotos([emptyEntry()])).toEqual({ ok: true, photos: [] });
  });
});

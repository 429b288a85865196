// Shared by the form (to warn before sending) and the server (which decides, on the real bytes).
// maxBytes: a phone photo is 2–8 Mo; beyond 10 Mo it is a RAW, a scan or an attack, and we refuse it before reading it.
// maxEdgePx: 2048 px is enough to see a pothole or a tag on a wall and keeps a stored photo near 200–600 Ko.
// maxInputPixels: 64 MP lets through the full-resolution modes of current phones (48–50 MP, e.g. 8064×6048, 8160×6144)
// but not a PNG declaring 20000×20000 in 48 Ko. libvips decodes in strips, so a crafted file at this cap costs about
// 1 s of CPU and 70 Mo (measured on a uniform 8192×8192 PNG), never the gigabytes its dimensions promise.
export const PHOTO_LIMITS = {
  maxCount: 3,
  maxBytes: 10 * 1024 * 1024,
  maxEdgePx: 2048,
  maxInputPixels: 8192 * 8192,
} as const;

/** The types a resident's browser may offer; the server trusts only the bytes. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

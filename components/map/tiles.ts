// Map tiles come from outside: configurable (read at build time), and optional — an empty URL draws no tiles.
export const TILE_URL = process.env.NEXT_PUBLIC_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const TILE_ATTRIBUTION =
  process.env.NEXT_PUBLIC_TILE_ATTRIBUTION ??
  '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>';

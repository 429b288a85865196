import { cn } from '@/lib/cn';

// One drawing per category `icon` key, kept as path data so React (the form's picker, the legend) and the map's
// L.divIcon (which needs an HTML string) draw exactly the same icon. 24×24, stroked with currentColor.
const ICON_PATHS = {
  broom: ['M20 3l-7.5 7.5', 'M10.5 8.5l5 5-2 2c-2.5 2.5-6 4-9.5 4.5.5-3.5 2-7 4.5-9.5z', 'M6.5 15.5l2 2', 'M9 13l2 2'],
  sofa: [
    'M5 11V8a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v3',
    'M3 11a2 2 0 0 1 2 2v2h14v-2a2 2 0 0 1 4 0v4a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1v-4a2 2 0 0 1 2-2z',
    'M4 18v2',
    'M20 18v2',
  ],
  tree: ['M12 2a5 5 0 0 1 5 5 4 4 0 0 1 0 8H7a4 4 0 0 1 0-8 5 5 0 0 1 5-5z', 'M12 15v7', 'M9 22h6', 'M12 18l-2.5-2.5'],
  road: ['M5 21L9 3', 'M19 21L15 3', 'M12 4v3', 'M12 10.5v3', 'M12 17v4'],
  cone: ['M10 3h4l5 16H5z', 'M8.4 9h7.2', 'M7 14h10', 'M3 21h18'],
  drop: ['M12 2.5s-6.5 7.5-6.5 12a6.5 6.5 0 0 0 13 0c0-4.5-6.5-12-6.5-12z', 'M9 15a3 3 0 0 0 3 3'],
  bulb: ['M9 18h6', 'M10 21.5h4', 'M12 2a6.5 6.5 0 0 0-4 11.6c.7.6 1 1.4 1 2.4h6c0-1 .3-1.8 1-2.4A6.5 6.5 0 0 0 12 2z'],
  sign: ['M12 2l9 14H3z', 'M12 16v6', 'M9 22h6', 'M12 7.5v4', 'M12 13.5v.01'],
  spray: [
    'M7 10h8v11a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1z',
    'M9 6h4v4H9z',
    'M11 3v3',
    'M17 5h.01',
    'M20 3h.01',
    'M20 7h.01',
    'M17 9h.01',
    'M21 11h.01',
  ],
  dots: [
    'M4 12a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0z',
    'M10.25 12a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0z',
    'M16.5 12a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0z',
  ],
} as const satisfies Record<string, readonly string[]>;

export type CategoryIconName = keyof typeof ICON_PATHS;

// Staff may add a category with an icon key the code does not know yet: it gets the neutral « dots ».
const pathsFor = (icon: string): readonly string[] => ICON_PATHS[icon as CategoryIconName] ?? ICON_PATHS.dots;

const SVG_ATTRIBUTES =
  'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"';

/** The SVG markup of each icon, for HTML strings (Leaflet's divIcon); built from constants only, never user text. */
export const CATEGORY_ICON_SVG = Object.fromEntries(
  Object.keys(ICON_PATHS).map((name) => [
    name,
    `<svg xmlns="http://www.w3.org/2000/svg" ${SVG_ATTRIBUTES}>${pathsFor(name)
      .map((d) => `<path d="${d}"/>`)
      .join('')}</svg>`,
  ]),
) as Record<CategoryIconName, string>;

export function categoryIconSvg(icon: string): string {
  return CATEGORY_ICON_SVG[icon as CategoryIconName] ?? CATEGORY_ICON_SVG.dots;
}

export function CategoryIcon({ icon, className }: { icon: string; className?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      className={cn('shrink-0', className ?? 'size-5')}
    >
      {pathsFor(icon).map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

const BADGE_SIZES = { sm: ['size-6', 'size-4'], md: ['size-10', 'size-6'], lg: ['size-12', 'size-7'] } as const;

/** The category's icon in white on a disc of its colour: decorative, the category's name is always written beside. */
export function CategoryBadge({ icon, color, size }: { icon: string; color: string; size: keyof typeof BADGE_SIZES }) {
  const [disc, glyph] = BADGE_SIZES[size];
  return (
    <span
      aria-hidden
      className={`flex ${disc} shrink-0 items-center justify-center rounded-full text-white`}
      style={{ backgroundColor: color }}
    >
      <CategoryIcon icon={icon} className={glyph} />
    </span>
  );
}

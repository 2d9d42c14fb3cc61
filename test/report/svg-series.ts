// Reads a rendered chart's legend back from its SVG (each entry's colour, dash and symbol path) and
// decides whether its series stay apart in a greyscale print.

export interface SeriesLook {
  readonly label: string;
  readonly colour: string;
  readonly dash: string;
  readonly symbol: string;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';

/** Every legend entry of the SVG: the symbol's fill (or, when hollow, its stroke) colour, its dash array and its path. */
export function legendEntries(svg: string): SeriesLook[] {
  const re = /role-legend-symbol"[^>]*>(<path [^>]*\/>)<\/g><g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g;
  return [...svg.matchAll(re)].map((m) => {
    const tag = m[1]!;
    const fill = attr(tag, 'fill');
    return { label: m[2]!, colour: (fill && !['none', 'transparent', '#FFFFFF', '#ffffff'].includes(fill) ? fill : attr(tag, 'stroke')).toUpperCase(), dash: attr(tag, 'stroke-dasharray') || '1,0', symbol: attr(tag, 'd') };
  });
}

/** ITU-R BT.601 luma (0–255) of #RRGGBB: the grey a colour prints as in a greyscale conversion. */
export function luma(hex: string): number {
  const m = /^#([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((x) => Number.parseInt(x, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b!;
}

/** Grey levels apart by at least this much read as different greys on paper. */
export const MIN_LUMA_STEP = 25;

/** The pairs of entries that a greyscale reader cannot tell apart: too close in grey, same dash and same symbol. */
export function confusable(entries: readonly SeriesLook[]): [string, string][] {
  const out: [string, string][] = [];
  entries.forEach((a, i) => entries.slice(i + 1).forEach((b) => {
    const grey = Math.abs(luma(a.colour) - luma(b.colour)) >= MIN_LUMA_STEP;
    if (!grey && a.dash === b.dash && a.symbol === b.symbol) out.push([a.label, b.label]);
  }));
  return out;
}

/** The pairs too close in grey, whatever their dash or symbol. */
export function sameGrey(entries: readonly SeriesLook[]): [string, string][] {
  const out: [string, string][] = [];
  entries.forEach((a, i) => entries.slice(i + 1).forEach((b) => {
    if (Math.abs(luma(a.colour) - luma(b.colour)) < MIN_LUMA_STEP) out.push([a.label, b.label]);
  }));
  return out;
}

// Goal levels drawn behind charts: coloured bands (high, moderate, low), each named in words so they
// read without colour.

/** The goal levels of one year, drawn behind a chart as coloured bands (high, moderate, low). */
export interface YearBand {
  readonly year: number;
  readonly target: number;
  readonly moderate: number | null;
}

/**
 * Light tints, since the bands sit behind the data, which keeps its own colours; green, yellow and red tints
 * that also step down in grey (BT.601 luma 249, 240, 230), light enough for the grey of the data drawn over them, so the levels stay apart in a greyscale print.
 */
export const BAND_COLOURS = { high: '#F6FBF4', moderate: '#FBF0CF', low: '#F7DFDA' } as const;

export type BandWords = Readonly<Record<'high' | 'moderate' | 'low', string>>;

/** Consecutive years with the same levels as one span: one rectangle, no seam between the years. */
function runs(bands: readonly YearBand[]): (YearBand & { x0: number; x1: number })[] {
  const out: (YearBand & { x0: number; x1: number })[] = [];
  for (const b of [...bands].sort((p, q) => p.year - q.year)) {
    const last = out[out.length - 1];
    if (last && last.x1 === b.year - 0.5 && last.target === b.target && last.moderate === b.moderate) last.x1 = b.year + 0.5;
    else out.push({ ...b, x0: b.year - 0.5, x1: b.year + 0.5 });
  }
  return out;
}

/** Rectangles of the goal levels, one per run of years with the same levels, and the y-range they cover. */
export function bandRects(bands: readonly YearBand[], yMin: number): { x0: number; x1: number; y0: number; y1: number; level: 'high' | 'moderate' | 'low' }[] {
  return runs(bands).flatMap((b) => {
    const { x0, x1 } = b;
    const low = Math.max(yMin, 0);
    const mid = b.moderate ?? b.target;
    return [
      { x0, x1, y0: b.target, y1: 1, level: 'high' as const },
      ...(b.moderate !== null ? [{ x0, x1, y0: Math.max(low, b.moderate), y1: b.target, level: 'moderate' as const }] : []),
      ...(mid > low ? [{ x0, x1, y0: low, y1: mid, level: 'low' as const }] : []),
    ];
  });
}

/** Coloured goal-level bands behind a chart, each level named once in its band (readable without colour). */
export function bandLayers(bands: readonly YearBand[], yMin: number, words: BandWords, x: 'x' | 'y') {
  const rects = bandRects(bands, yMin);
  const y = x === 'x' ? 'y' : 'x';
  const first = bands[0];
  const labels = first ? bandRects([first], yMin).map((r) => ({ ...r, mid: (r.y0 + r.y1) / 2, word: words[r.level] })) : [];
  return [
    {
      data: { values: rects },
      mark: { type: 'rect' as const, opacity: 1 },
      encoding: {
        [x]: { field: 'x0', type: 'quantitative' as const },
        [`${x}2`]: { field: 'x1' },
        [y]: { field: 'y0', type: 'quantitative' as const, scale: { domain: [yMin, 1], zero: false } },
        [`${y}2`]: { field: 'y1' },
        color: { field: 'level', type: 'nominal' as const, legend: null, scale: { domain: ['high', 'moderate', 'low'], range: [BAND_COLOURS.high, BAND_COLOURS.moderate, BAND_COLOURS.low] } },
      },
    },
    {
      data: { values: labels.filter((l) => l.y1 - l.y0 >= 0.04) },
      mark: x === 'x'
        ? { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 2, fontSize: 7, fontStyle: 'italic', color: '#555' }
        : { type: 'text' as const, align: 'center' as const, baseline: 'top' as const, dy: 2, fontSize: 7, fontStyle: 'italic', color: '#555' },
      encoding: {
        [x]: { field: 'x0', type: 'quantitative' as const },
        [y]: { field: 'mid', type: 'quantitative' as const },
        text: { field: 'word', type: 'nominal' as const },
      },
    },
  ];
}

/** Goal-level bands across the value axis of a bar chart (one set of levels), each named above the plot. */
export function valueBands(band: YearBand, words: BandWords) {
  const rects = bandRects([{ ...band, year: 0 }], 0).map((r) => ({ v0: r.y0, v1: r.y1, mid: (r.y0 + r.y1) / 2, level: r.level, word: words[r.level] }));
  return [
    {
      data: { values: rects },
      mark: { type: 'rect' as const },
      encoding: {
        x: { field: 'v0', type: 'quantitative' as const },
        x2: { field: 'v1' },
        color: { field: 'level', type: 'nominal' as const, legend: null, scale: { domain: ['high', 'moderate', 'low'], range: [BAND_COLOURS.high, BAND_COLOURS.moderate, BAND_COLOURS.low] } },
      },
    },
    {
      data: { values: rects.filter((r) => r.v1 - r.v0 >= 0.06) },
      mark: { type: 'text' as const, baseline: 'bottom' as const, dy: -2, fontSize: 7, fontStyle: 'italic', color: '#555' },
      encoding: { x: { field: 'mid', type: 'quantitative' as const }, y: { value: 0 }, text: { field: 'word', type: 'nominal' as const } },
    },
  ];
}


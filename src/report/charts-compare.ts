// The three-year comparison figure: per row a bar for the report year and dots for the two years
// before (circle, diamond: shapes that differ in greyscale), the region and national rows in a darker
// colour (a darker grey too) and bold, the goal levels of the report year as bands behind, each row's value printed beside.
import type { TopLevelSpec } from 'vega-lite';
import { valueBands, type BandWords, type YearBand } from './charts-bands.js';
import { TOTAL_COLOUR, UNIT_COLOUR } from './charts-palette.js';

export interface CompareBar {
  readonly label: string;
  /** national and region rows are highlighted */
  readonly highlight: boolean;
  readonly current: number | null;
  readonly previous: number | null;
  readonly before: number | null;
  /** the report year's value as printed, or the mark of a withheld row */
  readonly text: string;
}

const UNIT = UNIT_COLOUR;
const TOTAL = TOTAL_COLOUR;

export function threeYearSpec(rows: readonly CompareBar[], opts: { years: readonly [number, number, number]; band: YearBand | null; bandWords: BandWords }): TopLevelSpec {
  const order = rows.map((r) => r.label);
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: order, axis: { labelLimit: 260, labelFontWeight: { expr: `indexof(${JSON.stringify(rows.filter((r) => r.highlight).map((r) => r.label))}, datum.value) >= 0 ? 'bold' : 'normal'` } } };
  const dots = rows.flatMap((r) => [
    ...(r.previous !== null ? [{ label: r.label, value: r.previous, year: String(opts.years[1]) }] : []),
    ...(r.before !== null ? [{ label: r.label, value: r.before, year: String(opts.years[2]) }] : []),
  ]);
  return {
    width: 260,
    height: { step: 13 },
    layer: [
      ...(opts.band ? valueBands(opts.band, opts.bandWords) : []),
      {
        data: { values: rows.filter((r) => r.current !== null).map((r) => ({ label: r.label, value: r.current, kind: r.highlight ? 'total' : 'unit' })) },
        mark: { type: 'bar', height: 8 },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['unit', 'total'], range: [UNIT, TOTAL] } },
        },
      },
      {
        data: { values: dots },
        // A white rim keeps the dots visible on the dark bars of the region and the nation.
        mark: { type: 'point', filled: true, size: 26, fill: '#222', stroke: '#FFFFFF', strokeWidth: 0.8, opacity: 1 },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: order },
          x: { field: 'value', type: 'quantitative' },
          shape: { field: 'year', type: 'nominal', title: null, sort: [String(opts.years[1]), String(opts.years[2])], scale: { domain: [String(opts.years[1]), String(opts.years[2])], range: ['circle', 'diamond'] }, legend: null },
        },
      },
      {
        data: { values: rows.map((r) => ({ label: r.label, text: r.text, w: r.highlight ? 'bold' : 'normal' })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 7.5, color: '#333' },
        encoding: { y: { field: 'label', type: 'nominal', sort: order }, x: { value: 266 }, text: { field: 'text', type: 'nominal' } },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

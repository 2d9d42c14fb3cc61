// Every chart kind rendered to SVG, its legend read back, and its series checked to stay apart in a
// greyscale print: by grey level, or else by dash and symbol. The old palette fails the same check.
import { describe, expect, it } from 'vitest';
import { NumberFormat } from '../../src/print/i18n.js';
import { BAND_COLOURS } from '../../src/report/charts-bands.js';
import { threeYearSpec } from '../../src/report/charts-compare.js';
import { funnelSpec } from '../../src/report/charts-funnel.js';
import { medianSpec } from '../../src/report/charts-median.js';
import { RESULTS_PAGE_COLOURS, SERIES_COLOURS, TOTAL_COLOUR, UNIT_COLOUR } from '../../src/report/charts-palette.js';
import { CHART_WORDS } from '../../src/report/charts-words.js';
import { barSpec, renderSvg, trendSpec, type SeriesPoint } from '../../src/report/charts.js';
import { confusable, legendEntries, luma, MIN_LUMA_STEP, sameGrey, type SeriesLook } from './svg-series.js';

const f = new NumberFormat('nb');
const w = CHART_WORDS.nb;
const YEARS = [2021, 2022, 2023, 2024];
const line = (series: string, base: number, dashed = false): SeriesPoint[] => YEARS.map((year, i) => ({ series, year, value: base - i * 0.02, dashed }));
const render = (spec: Parameters<typeof renderSvg>[0]) => renderSvg(spec, f, 'Figur', 'Figur');

/** The palette before: three of its first four colours print as the same grey, every symbol a dot, no dash. */
const OLD_PALETTE = ['#1F5F8B', '#C8553D', '#4B8F29', '#8E5EA2', '#B8860B'];
const asOldPalette = (entries: readonly SeriesLook[]): SeriesLook[] => entries.map((e, i) => ({ ...e, colour: OLD_PALETTE[i % OLD_PALETTE.length]!, dash: '1,0', symbol: 'M5,0A5,5,0,1,1,-5,0A5,5,0,1,1,5,0' }));

describe('series in greyscale', () => {
  it('a trend of four regions and the nation: five legend entries, each a line with its marker, none confusable', async () => {
    const svg = await render(trendSpec([...line('Nord', 0.9), ...line('Midt', 0.85), ...line('Vest', 0.8), ...line('Sør-Øst', 0.75), ...line('Nasjonalt', 0.7, true)], [], { seriesTitle: 'Region', yearTitle: 'År', years: YEARS }));
    const entries = legendEntries(svg);
    expect(entries.map((e) => e.label)).toEqual(['Nord', 'Midt', 'Vest', 'Sør-Øst', 'Nasjonalt']);
    expect(confusable(entries)).toEqual([]);
    // The first three series differ by grey alone; the nation is black and dashed, and its legend shows the dash.
    expect(sameGrey(entries.slice(0, 3))).toEqual([]);
    expect(entries[4]).toMatchObject({ colour: '#000000', dash: '5,3' });
    // Every symbol is a stretch of line (M-12,0L12,0 at legend size) with a marker, and the markers differ.
    for (const e of entries) expect(e.symbol).toMatch(/^M-12,0L12,0M/);
    expect(new Set(entries.map((e) => e.symbol)).size).toBe(5);
    // The plot draws each series in its legend colour.
    for (const e of entries) expect(svg).toContain(`stroke="${e.colour}"`);
  });

  it('the same legend in the old palette without dashes or markers is confusable, so the check can fail', async () => {
    const svg = await render(trendSpec([...line('Nord', 0.9), ...line('Midt', 0.85), ...line('Vest', 0.8), ...line('Sør-Øst', 0.75)], [], { seriesTitle: 'Region', yearTitle: 'År', years: YEARS }));
    const old = asOldPalette(legendEntries(svg));
    // #C8553D, #4B8F29 and #8E5EA2 print as greys 117, 111 and 116.
    expect(confusable(old)).toEqual([['Midt', 'Vest'], ['Midt', 'Sør-Øst'], ['Vest', 'Sør-Øst']]);
  });

  it('a regional coverage trend: two form types and their national lines (dashed, black and grey)', async () => {
    const svg = await render(trendSpec([...line('Registrering', 0.9), ...line('Behandling', 0.8), ...line('Registrering (nasjonalt)', 0.85, true), ...line('Behandling (nasjonalt)', 0.75, true)], [], { seriesTitle: 'Skjematype', yearTitle: 'År', years: YEARS }));
    const entries = legendEntries(svg);
    expect(entries.map((e) => [e.label, e.dash])).toEqual([['Registrering', '1,0'], ['Behandling', '1,0'], ['Registrering (nasjonalt)', '5,3'], ['Behandling (nasjonalt)', '2,2']]);
    expect(confusable(entries)).toEqual([]);
  });

  it('grouped bars: the series colours differ in grey (bars have no marker)', async () => {
    const bars = ['A', 'B'].flatMap((category) => ['Registrering', 'Behandling', 'Oppfølging'].map((series, i) => ({ category, series, value: 0.5 + i / 10 })));
    const entries = legendEntries(await render(barSpec(bars, 0.8, { categoryTitle: 'Region', seriesTitle: 'Skjematype', order: ['A', 'B'] })));
    expect(entries.map((e) => e.label)).toEqual(['Registrering', 'Behandling', 'Oppfølging']);
    expect(sameGrey(entries)).toEqual([]);
  });

  it('funnel plot: limits, national and target lines apart by dash; units of other regions hollow and grey', async () => {
    const units = [
      { code: 'A', name: 'A', value: 0.6, n: 20 },
      { code: 'B', name: 'B', value: 0.7, n: 40, highlight: false },
    ];
    const svg = await render(funnelSpec(units, 0.65, { xTitle: 'Pasienter', target: 0.8, words: w, f }));
    const entries = legendEntries(svg);
    expect(entries.map((e) => [e.label.replaceAll('\u00a0', ' '), e.dash])).toEqual([
      ['95 % kontrollgrense', '4,2'],
      ['99,8 % kontrollgrense', '1,0'],
      ['Nasjonalt 65,0 %', '6,2,1,2'],
      ['Mål 80 %', '2,2'],
      ['Enhet i regionen', '1,0'],
      ['Enhet i en annen region', '1,0'],
    ]);
    expect(confusable(entries)).toEqual([]);
    // The region's own units filled blue, the others hollow grey rings: apart by fill as well as by grey.
    expect(svg).toMatch(/role-legend-symbol"[^>]*><path [^>]*fill="#FFFFFF"[^>]*stroke="#999999"/);
  });

  it('median chart: the unit dots and the standard time differ by grey and by symbol', async () => {
    const svg = await render(medianSpec([{ interval: 'I1', unit: 'A', median: 5 }], [{ interval: 'I1', label: 'I1 (≤ 8 dager)', norm: 8 }], { words: w, intervalTitle: 'Intervall' }));
    const entries = legendEntries(svg);
    expect(entries.map((e) => e.label)).toEqual(['Median for én enhet', 'Standard forløpstid']);
    expect(sameGrey(entries)).toEqual([]);
    expect(entries[0]!.symbol).not.toEqual(entries[1]!.symbol);
  });

  it('three-year comparison: unit bars and the region and nation bars differ in grey', async () => {
    const rows = [
      { label: 'Alfa', highlight: false, current: 0.7, previous: 0.6, before: null, text: '70 %' },
      { label: 'Nasjonalt', highlight: true, current: 0.65, previous: null, before: null, text: '65 %' },
    ];
    const svg = await render(threeYearSpec(rows, { years: [2024, 2023, 2022], band: null, bandWords: { high: 'høy', moderate: 'moderat', low: 'lav' } }));
    expect(svg).toContain(`fill="${UNIT_COLOUR}"`);
    expect(svg).toContain(`fill="${TOTAL_COLOUR}"`);
    expect(Math.abs(luma(UNIT_COLOUR) - luma(TOTAL_COLOUR))).toBeGreaterThanOrEqual(25);
  });

  it('goal-level bands step down in grey from high to low, and stay lighter than every series colour', () => {
    const [high, moderate, low] = [BAND_COLOURS.high, BAND_COLOURS.moderate, BAND_COLOURS.low].map(luma);
    expect(high! - moderate!).toBeGreaterThanOrEqual(8);
    expect(moderate! - low!).toBeGreaterThanOrEqual(8);
    for (const c of SERIES_COLOURS) expect(low! - luma(c)).toBeGreaterThanOrEqual(35);
  });

  it('the results page: its bars (colour only) differ in grey by role, and its three years too', () => {
    const { national, mine, region, unit, years } = RESULTS_PAGE_COLOURS;
    for (const set of [[national, mine, region, unit], years]) {
      const greys = set.map(luma).sort((a, b) => a - b);
      for (let i = 1; i < greys.length; i++) expect(greys[i]! - greys[i - 1]!).toBeGreaterThanOrEqual(MIN_LUMA_STEP);
    }
  });
});

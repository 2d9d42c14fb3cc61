// Alt text of every chart kind, written out by hand from the values given, in nb, sv and en; and the
// text put into the SVG.
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/types.js';
import { NumberFormat } from '../../src/print/i18n.js';
import { barAlt, lowerFirst, threeYearAlt, trendAlt, yearRuns } from '../../src/report/charts-alt.js';
import { funnelAlt } from '../../src/report/charts-funnel.js';
import { dodge, medianAlt } from '../../src/report/charts-median.js';
import { CHART_WORDS } from '../../src/report/charts-words.js';
import { renderSvg, trendSpec, type SeriesPoint } from '../../src/report/charts.js';
import { coverageSection } from '../../src/report/sections/coverage.js';
import { view, type HandRow } from './view-fixture.js';

/** No-break and thin spaces as plain spaces, so the expected strings read as typed. */
const plain = (s: string) => s.replaceAll('\u00a0', ' ').replaceAll('\u202f', ' ');
const tools = (lang: Language) => [CHART_WORDS[lang], new NumberFormat(lang)] as const;

// Registration 90 % (2022), 85 % (2023), 60 % (2024); treatment published for 2024 only.
const TREND: SeriesPoint[] = [
  { series: 'Registrering', year: 2022, value: 0.9 },
  { series: 'Registrering', year: 2023, value: 0.85 },
  { series: 'Registrering', year: 2024, value: 0.6 },
  { series: 'Behandling', year: 2024, value: 0.5 },
];
const STEP_TARGETS = [{ value: 0.95, years: [2022, 2023] }, { value: 0.8, years: [2024] }];

describe('alt text', () => {
  it('line chart: each series from its first to its last published year, and the target as a step', () => {
    expect(plain(trendAlt(...tools('nb'), 'Dekningsgrad over tid', TREND, STEP_TARGETS, [2022, 2023, 2024]))).toBe(
      'Linjediagram over dekningsgrad over tid, 2022–2024: Registrering fra 90,0 % (2022) til 60,0 % (2024); Behandling 50,0 % (2024); mål 95 % (2022–2023), 80 % (2024).',
    );
    const en = TREND.map((p) => ({ ...p, series: p.series === 'Registrering' ? 'Registration' : 'Treatment' }));
    expect(trendAlt(...tools('en'), 'Coverage over time', en, [{ value: 0.8 }], [2022, 2023, 2024])).toBe(
      'Line chart of coverage over time, 2022–2024: Registration from 90.0% (2022) to 60.0% (2024); Treatment 50.0% (2024); target 80%.',
    );
    expect(plain(trendAlt(...tools('sv'), 'Täckningsgrad över tid', TREND.slice(0, 3), [], [2022, 2023, 2024]))).toBe(
      'Linjediagram över täckningsgrad över tid, 2022–2024: Registrering från 90,0 % (2022) till 60,0 % (2024).',
    );
  });

  it('bar chart: each category with its series, lower-case series names, then the target', () => {
    const bars = [
      { category: 'Norr', series: 'Anmälan', value: 0.6 },
      { category: 'Norr', series: 'Behandling', value: 0.4 },
      { category: 'Syd', series: 'Anmälan', value: 0.705 },
    ];
    expect(plain(barAlt(...tools('sv'), 'Täckningsgrad per region, 2024', bars, ['Syd', 'Norr', 'Väst'], 0.8))).toBe(
      'Stapeldiagram över täckningsgrad per region, 2024: Syd anmälan 70,5 %; Norr anmälan 60,0 %, behandling 40,0 %; mål 80 %.',
    );
    expect(barAlt(...tools('en'), 'Share treated at a centre, 2024', [{ category: 'North', series: 'All', value: 0.925 }], ['North'], null)).toBe(
      'Bar chart of share treated at a centre, 2024: North 92.5%.',
    );
  });

  it('three-year comparison: how many units have figures, the lowest and highest, the region and the nation', () => {
    const rows = [
      { label: 'Alfa', highlight: false, current: 0.8 },
      { label: 'Region Én', highlight: true, current: 0.692 },
      { label: 'Nasjonalt', highlight: true, current: 0.652 },
      { label: 'Gamma', highlight: false, current: 0.6 },
      { label: 'Beta', highlight: false, current: null },
    ];
    expect(plain(threeYearAlt(...tools('nb'), 'Dekningsgrad, registrering 2024', rows, 0.8))).toBe(
      'Stolpediagram over dekningsgrad, registrering 2024: 2 enheter med publiserte tall, fra 60,0 % (Gamma) til 80,0 % (Alfa); Region Én 69,2 %; Nasjonalt 65,2 %; mål 80 %.',
    );
  });

  it('funnel plot: the units of the scope, their sizes, the nation, the target and who lies outside each limit', () => {
    // p = 0.5: n = 100 has 95 % limits near 0.40–0.60 and 99.8 % near 0.35–0.65; 0.38 is outside the first only.
    const units = [
      { code: 'B', name: 'Beta', value: 0.9, n: 100 },
      { code: 'A', name: 'Alfa', value: 0.38, n: 100 },
      { code: 'C', name: 'Gamma', value: 0.5, n: 20 },
      { code: 'D', name: 'Delta', value: 0.1, n: 1000, highlight: false },
    ];
    expect(plain(funnelAlt(...tools('nb'), 'Dekningsgrad, registrering 2024', units, 0.5, 0.8))).toBe(
      'Traktplott over dekningsgrad, registrering 2024: 3 enheter med 20–100 pasienter; nasjonalt 50,0 %; mål 80 %; utenfor 95 %-grensene: Alfa under, Beta over; utenfor 99,8 %-grensene: Beta over.',
    );
    expect(funnelAlt(...tools('en'), 'Coverage, registration 2024', units.slice(2, 3), 0.5, null)).toBe(
      'Funnel plot of coverage, registration 2024: 1 unit of 20 patients; national 50.0%; every unit within the 95% limits; every unit within the 99.8% limits.',
    );
  });

  it('median chart: per interval the range of the units’ medians, the standard time and how many units are within it', () => {
    const points = [
      { interval: 'I1', unit: 'A', median: 5 },
      { interval: 'I1', unit: 'B', median: 7.5 },
      { interval: 'I1', unit: 'C', median: 10 },
      { interval: 'I2', unit: 'A', median: 21 },
    ];
    const norms = [
      { interval: 'I1', label: 'I1', norm: 8, name: 'I1 (start – first attendance)' },
      { interval: 'I2', label: 'I2', norm: 21, name: 'I2 (first attendance – decision)' },
      { interval: 'I3', label: 'I3', norm: 14, name: 'I3 (decision – treatment)' },
    ];
    expect(medianAlt(...tools('en'), 'Median days per unit, 2024', points, norms)).toBe(
      'Dot chart of median days per unit, 2024: I1 (start – first attendance) 5–10 days (standard pathway time 8 days; 2 of 3 units within it); I2 (first attendance – decision) 21 days (standard pathway time 21 days; 1 of 1 unit within it).',
    );
    expect(plain(medianAlt(...tools('sv'), 'Median dagar per enhet', points.slice(1, 2), norms.slice(0, 1)))).toBe(
      'Punktdiagram över median dagar per enhet: I1 (start – first attendance) 7,5 dagar (ledtidsmål 8 dagar; 1 av 1 enhet inom målet).',
    );
  });

  it('captions inside a sentence: lower-case first letter, codes unchanged; runs of years', () => {
    expect(lowerFirst('Dekningsgrad over tid')).toBe('dekningsgrad over tid');
    expect(lowerFirst('OF1 (start – første fremmøte)')).toBe('OF1 (start – første fremmøte)');
    expect(yearRuns([2024, 2015, 2016, 2017, 2020])).toBe('2015–2017, 2020, 2024');
  });

  it('the SVG is named by its caption and described by its alt text, both escaped', async () => {
    const svg = await renderSvg(trendSpec(TREND, [], { seriesTitle: 'S', yearTitle: 'År', years: [2022, 2023, 2024] }), new NumberFormat('nb'), 'A & B', 'Linjer <over> "alt"');
    expect(svg).toMatch(/^<svg role="img" aria-label="Linjer &lt;over&gt; &quot;alt&quot;" [^>]*><title>A &amp; B<\/title><desc>Linjer &lt;over&gt; &quot;alt&quot;<\/desc>/);
  });

  it('dots of equal medians are moved apart: slots 0, 1, −1, and a dot one diameter away keeps slot 0', () => {
    // 10 px a day: 5 and 5 are 0 px apart, 6 is 10 px from them (more than the 6.5 px diameter).
    const slots = dodge(['A', 'B', 'C'].map((unit) => ({ interval: 'I1', unit, median: 5 })).concat([{ interval: 'I1', unit: 'D', median: 6 }, { interval: 'I2', unit: 'E', median: 5 }]), 10);
    expect(slots.map((p) => [p.unit, p.slot])).toEqual([['A', 0], ['B', 1], ['C', -1], ['D', 0], ['E', 0]]);
  });
});

describe('alt text in the report', () => {
  // National registration coverage: 2022 9/10, 2023 withheld, 2024 6/10.
  const rows: HandRow[] = [
    { year: 2022, level: 'national', group: 'ALL', n: 9, d: 10, target: 0.95 },
    { year: 2023, level: 'national', group: 'ALL', n: 17, d: 20, target: 0.95, withheld: true },
    { year: 2024, level: 'national', group: 'ALL', n: 6, d: 10, target: 0.8 },
  ];

  it('a withheld value never enters the alt text: the trend reads from 2022 to 2024', async () => {
    const section = await coverageSection(view(rows));
    const figures = section.blocks.flatMap((b) => ('figure' in b ? [b.figure] : []));
    const trend = figures.find((x) => x.caption === 'Dekningsgrad over tid, nasjonalt')!;
    expect(plain(trend.alt)).toBe('Linjediagram over dekningsgrad over tid, nasjonalt, 2022–2024: Registrering fra 90,0 % (2022) til 60,0 % (2024); mål 95 % (2022–2023), 80 % (2024).');
    expect(trend.alt).not.toContain('85');
    expect(trend.svg).toContain(`<desc>${trend.alt}</desc>`);
  });
});

// Published metric table → results.html: one self-contained file (the Vega and Vega-Lite runtimes, the
// page script and the data inlined) that opens from disk or an intranet share and fetches nothing.
// It shows published numbers only: the data it embeds are the published rows, withheld ones blank.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config, Language } from '../config/types.js';
import type { PublishedTable } from '../metrics/published.js';
import { TEMPLATES_DIR } from '../paths.js';
import { fill, LOCALES, NumberFormat, STRINGS } from '../print/i18n.js';
import { achievementLabel, groupName, indicators, moderateLevel, regionOf, withheldReason, type Names } from './indicators.js';
import { RESULTS_PAGE_COLOURS } from '../report/charts-palette.js';
import { PUBLISH_STRINGS } from './strings.js';

const require = createRequire(import.meta.url);

/** A runtime's minified browser build, found beside the package's entry point. */
function runtime(pkg: 'vega' | 'vega-lite'): string {
  return readFileSync(join(dirname(require.resolve(pkg)), `${pkg}.min.js`), 'utf8');
}

/** What the page script reads: labels, groups and, per indicator, its published rows. */
export interface PageData {
  readonly lang: Language;
  readonly locale: string;
  readonly d3Locale: ReturnType<NumberFormat['d3Locale']>;
  readonly registry: string;
  readonly year: number;
  readonly asOf: string;
  readonly text: Record<string, string>;
  /** the report's palette (charts-palette.ts), so the page's charts read as the report's */
  readonly colours: typeof RESULTS_PAGE_COLOURS;
  readonly regions: readonly { code: string; name: string }[];
  readonly units: readonly { code: string; name: string; region: string }[];
  readonly indicators: readonly {
    readonly id: string;
    readonly label: string;
    readonly median: boolean;
    readonly rows: readonly {
      readonly key: string;
      readonly year: number;
      readonly level: string;
      readonly group: string;
      readonly name: string;
      readonly region: string;
      readonly numerator: number | null;
      readonly denominator: number | null;
      readonly value: number | null;
      readonly ci_low: number | null;
      readonly ci_high: number | null;
      readonly target: number | null;
      readonly moderate: number | null;
      readonly achievement: string;
      readonly median_days: number | null;
      readonly withheld: boolean;
      readonly note: string;
    }[];
  }[];
}

export function pageData(table: PublishedTable, config: Config, names: Names, lang: Language): PageData {
  const s = STRINGS[lang];
  const p = PUBLISH_STRINGS[lang];
  const text: Record<string, string> = {
    title: fill(p.pageTitle, { registry: table.registry, year: table.year }),
    asOf: fill(p.asOf, { asof: new NumberFormat(lang).date(table.as_of) }),
    offline: p.offline,
    year: p.chooseYear,
    region: p.chooseRegion,
    unit: p.chooseUnit,
    allRegions: p.allRegions,
    noUnit: p.noUnit,
    threeYears: p.threeYears,
    download: p.download,
    sortHint: p.sortHint,
    goalHint: p.goalHint,
    targetHint: p.targetHint,
    level: p.level,
    regionCol: s.region,
    unitCol: s.unit,
    yearCol: s.year,
    numerator: s.numerator,
    denominator: s.denominator,
    share: s.share,
    ci: fill(s.ci, { p95: new NumberFormat(lang).target(0.95) }),
    target: s.target,
    moderate: p.moderate,
    goalLevel: p.goalLevel,
    median: s.medianDays,
    note: p.note,
    national: p.levels.national,
    regionLevel: p.levels.region,
    unitLevel: p.levels.unit,
    suppressedNote: fill(s.suppressedNote, { n: config.publication.minCell }),
    complementaryNote: s.complementaryNote,
  };
  return {
    lang,
    locale: LOCALES[lang],
    d3Locale: new NumberFormat(lang).d3Locale(),
    colours: RESULTS_PAGE_COLOURS,
    registry: table.registry,
    year: table.year,
    asOf: table.as_of,
    text,
    regions: [...names.regions].map(([code, name]) => ({ code, name })),
    units: [...names.units].map(([code, u]) => ({ code, name: u.name, region: u.region })).sort((a, b) => a.name.localeCompare(b.name, lang)),
    indicators: indicators(table, config, lang).map((ind) => ({
      id: ind.id,
      label: ind.label,
      median: ind.metric === 'pathway_time',
      rows: ind.rows.map((r) => ({
        key: [r.metric, r.form_type ?? '', r.site_group ?? '', r.interval ?? '', r.year, r.level, r.group].join('|'),
        year: r.year,
        level: r.level,
        group: r.group,
        name: groupName(r, names, lang),
        region: regionOf(r, names),
        numerator: r.numerator,
        denominator: r.denominator,
        value: r.value,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        target: r.target,
        moderate: moderateLevel(config, r.metric, r.year, table.year),
        achievement: achievementLabel(r, lang),
        median_days: r.median_days,
        withheld: r.withheld,
        note: withheldReason(r, config.publication.minCell, lang),
      })),
    })),
  };
}

/** JSON that is safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function resultsHtml(data: PageData): string {
  const css = readFileSync(join(TEMPLATES_DIR, 'results.css'), 'utf8');
  const script = readFileSync(join(TEMPLATES_DIR, 'results.js'), 'utf8');
  // A script file never holds "</script" (checked), so it can be inlined as it is.
  for (const [name, js] of [['vega', runtime('vega')], ['vega-lite', runtime('vega-lite')], ['results.js', script]] as const) {
    if (/<\/script/i.test(js)) throw new Error(`${name} contains </script and cannot be inlined`);
  }
  return `<!DOCTYPE html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${esc(data.text.title!)}</title>
<style>${css}</style>
</head>
<body>
<header><h1>${esc(data.text.title!)}</h1><p>${esc(data.text.asOf!)} ${esc(data.text.offline!)}</p></header>
<form id="filters" onsubmit="return false"></form>
<main id="indicators"></main>
<footer><p>${esc(data.text.suppressedNote!)}</p><p>${esc(data.text.complementaryNote!)}</p></footer>
<script type="application/json" id="data">${scriptJson(data)}</script>
<script>${runtime('vega')}</script>
<script>${runtime('vega-lite')}</script>
<script>${script}</script>
</body>
</html>
`;
}

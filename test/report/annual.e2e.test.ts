// End to end, the parts of the annual report a registry publishes: goal levels, the three-year unit
// comparison, coverage targets, key findings. Built from the Norwegian sample with moderate levels set.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricRow, MetricTable } from '../../src/metrics/metrics.js';
import { cli, pdfAlts, tempDir } from '../helpers.js';

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pct = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')} %`;

let out = '';
let metrics: MetricTable;
let nb = '';

/** The Norwegian sample with a moderate goal level for every indicator. */
function sampleWithModerateLevels(): string {
  const dir = join(tempDir(), 'no-sarcoma');
  cpSync('sample-data/no-sarcoma', dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'registry.yaml'), 'utf8')
    .replace('  target_previous_year: 0.95\n', '  target_previous_year: 0.95\n  moderate_current_year: 0.60\n  moderate_previous_year: 0.85\n')
    .replace('  target: 0.90\n', '  target: 0.90\n  moderate: 0.75\n')
    .replace('  compliance_target: 0.70\n', '  compliance_target: 0.70\n  compliance_moderate: 0.50\n');
  // The registry's own texts, details and logo (a 1×1 PNG).
  const about = 'about:\n  data_controller: { nb: Oslo universitetssykehus HF, sv: Oslo universitetssjukhus, en: Oslo University Hospital }\n  contact: sarkom@example.org\n  website: https://example.org/sarkom\n  logo: logo.png\n';
  writeFileSync(join(dir, 'registry.yaml'), `${yaml}\n${about}`);
  writeFileSync(join(dir, 'logo.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  mkdirSync(join(dir, 'texts', 'nb'), { recursive: true });
  writeFileSync(join(dir, 'texts', 'nb', 'foreword.md'), 'Registeret legger frem **årsrapporten**.\n\n<script>alert(1)</script>\n\n![bilde](https://example.org/x.png)\n');
  writeFileSync(join(dir, 'texts', 'nb', 'about.md'), 'Registeret omfatter alle pasienter med sarkom.\n');
  writeFileSync(join(dir, 'texts', 'nb', 'pathway.md'), 'Faggruppen følger opp forløpstidene.\n');
  return dir;
}

beforeAll(async () => {
  out = join(tempDir(), 'out');
  const r = await cli('build', '--data', sampleWithModerateLevels(), '--out', out, '--scope', 'all');
  if (r.code !== 0) throw new Error(r.err);
  metrics = JSON.parse(readFileSync(join(out, 'internal/metrics.json'), 'utf8')) as MetricTable;
  nb = text(join(out, 'report-2024-national.pdf'));
}, 120_000);

const find = (pred: (r: MetricRow) => boolean) => metrics.metrics.find(pred)!;

describe('goal levels', () => {
  it('the summary gives each indicator its goal level as symbol and word, from the metric table', () => {
    const words = { high: '● Høy', moderate: '◐ Moderat', low: '○ Lav' } as const;
    for (const iv of ['OF1', 'OF2', 'OF3', 'OF4']) {
      const r = find((m) => m.metric === 'pathway_time' && m.interval === iv && m.year === 2024 && m.level === 'national');
      const line = nb.split('\n').find((l) => l.includes(`Forløpstider: ${iv} `))!;
      expect(line, iv).toContain(pct(r.value));
      expect(line, iv).toContain('70 % / 50 %');
      expect(line, iv).toContain(words[r.achievement!]);
    }
    const c = find((m) => m.metric === 'centralisation' && m.site_group === 'ALL' && m.year === 2024 && m.level === 'national');
    expect(nb.split('\n').find((l) => l.includes('Sentralisering 2024'))).toContain(words[c.achievement!]);
    expect(nb).toContain('Måloppnåelse: ● høy (målet nådd), ◐ moderat, ○ lav, – ikke vurdert.');
  });

  it('the sample has all three levels, so the test above sees each of them', () => {
    const levels = new Set(metrics.metrics.filter((m) => m.level === 'national' && m.year === 2024).map((m) => m.achievement));
    expect(levels).toEqual(new Set(['high', 'moderate', 'low']));
  });

  it('charts draw the goal levels as bands named in words', () => {
    const html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
    for (const w of ['høy', 'moderat', 'lav']) expect(html).toMatch(new RegExp(`<text[^>]*>${w}</text>`));
  });
});

describe('coverage targets', () => {
  it('the current diagnosis year is explained: still being registered at the cut-off, target 80 % against 95 %', () => {
    const flat = nb.replace(/\s+/g, ' ');
    expect(flat).toContain('Tilfeller diagnostisert i 2024 var fortsatt under registrering ved datauttaket 31. mars 2025');
    expect(flat).toContain('Målet er derfor 80 % for 2024 og 95 % for tidligere diagnoseår');
  });

  it('the target is drawn as a step: one rule for the earlier years, one for the report year', () => {
    const html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
    const fig = html.slice(html.indexOf('Dekningsgrad over tid, nasjonalt'));
    const svg = fig.slice(fig.indexOf('<svg'), fig.indexOf('</svg>'));
    // Two dashed target rules of different lengths: 2015–2023 and 2024 alone (nine years to one).
    // Charts carry no per-mark ARIA labels (the figure's alt text describes them): rules are the dashed <line>s.
    const rules = [...svg.matchAll(/<line[^>]*>/g)].filter((m) => m[0].includes('stroke-dasharray="4,3"')).map((m) => Number(/x2="([\d.]+)"/.exec(m[0])![1]));
    expect(rules).toHaveLength(2);
    expect(Math.max(...rules) / Math.min(...rules)).toBeCloseTo(9, 0);
  });
});

describe('coverage by region', () => {
  it('the table ends with the nation as reference row and the target of each year', () => {
    const table = nb.slice(nb.indexOf('Dekningsgrad etter helseregion, 2023–2024'));
    const rows = table.split('\n');
    const national = rows.find((l) => /^\s*Nasjonalt\s/.test(l))!;
    const expected = [2023, 2024].flatMap((y) => ['registration', 'treatment'].map((ft) => pct(find((m) => m.metric === 'coverage' && m.form_type === ft && m.year === y && m.level === 'national').value)));
    expect([...national.matchAll(/\d+,\d %/g)].map((m) => m[0])).toEqual(expected);
    expect(rows.find((l) => /^\s*Mål\s/.test(l))).toMatch(/95 %\s+95 %\s+80 %\s+80 %/);
  });
});

/** The lines of a table in the -layout text: from its caption to the key under it. */
function tableLines(t: string, caption: string): string[] {
  const from = t.indexOf(caption);
  expect(from, caption).toBeGreaterThanOrEqual(0);
  const rest = t.slice(from);
  // Without the running header and the page footer, should the table cross a page.
  return rest.slice(0, rest.indexOf('Måloppnåelse: ●')).split('\n').filter((l) => l.trim() && !/Side \d+ av \d+|^Kvalitetsregister for sarkom\s{2,}/.test(l));
}
/** "Helse Vest   63,9 %   39 / 61   7   ○ Lav" from a metric row: share, within / all, median, goal word. */
const pathwayLine = (r: MetricRow) => new RegExp(`\\s${pct(r.value).replace(' ', '\\s')}\\s+${r.numerator}\\s*/\\s*${r.denominator}\\s+${String(r.median_days).replace('.', ',')}\\s+[●◐○] ${{ high: 'Høy', moderate: 'Moderat', low: 'Lav' }[r.achievement!]}\\s*$`);

describe('pathway tables', () => {
  const pt = (iv: string, level: string, group: string) => find((m) => m.metric === 'pathway_time' && m.interval === iv && m.year === 2024 && m.level === level && m.group === group);

  it('by region: per interval each region and the nation with share, within / all, median days and goal level, then the target', () => {
    const lines = tableLines(nb, 'Forløpstider etter helseregion, 2024');
    expect(lines[1]).toMatch(/Helseregion\s+Andel innenfor\s+Forløp innenfor \/ alle\s+Median dager\s+Måloppnåelse/);
    for (const iv of ['OF1', 'OF2', 'OF3', 'OF4']) {
      const at = lines.findIndex((l) => l.trim().startsWith(`${iv} (`));
      const block = lines.slice(at + 1, at + 7);
      for (const [i, rc] of ['Helse Midt-Norge', 'Helse Nord', 'Helse Sør-Øst', 'Helse Vest'].entries()) {
        expect(block[i], `${iv} ${rc}`).toMatch(new RegExp(`^\\s*${rc}\\s`));
        expect(block[i], `${iv} ${rc}`).toMatch(pathwayLine(pt(iv, 'region', ['HMN', 'HN', 'HSO', 'HV'][i]!)));
      }
      expect(block[4]).toMatch(/^\s*Nasjonalt\s/);
      expect(block[4]).toMatch(pathwayLine(pt(iv, 'national', 'ALL')));
      // The sample's compliance target 70 % with the moderate level 50 % set by this test.
      expect(block[5]).toMatch(/^\s*Mål: høy \/ moderat\s+70 % \/ 50 %\s*$/);
    }
  });

  it('by unit: one table per interval, each unit on one line with its region, then the nation and the target', () => {
    const units = [...new Set(metrics.metrics.filter((m) => m.metric === 'pathway_time' && m.level === 'unit' && m.year === 2024 && m.interval === 'OF1' && !m.group.startsWith('other:')).map((m) => m.group))];
    const lines = tableLines(nb, 'Forløpstider etter enhet, 2024: OF1 (start – første fremmøte, ≤ 8 dager)');
    expect(lines[1]).toMatch(/Enhet\s+Helseregion\s+Andel innenfor\s+Forløp innenfor \/ alle\s+Median dager\s+Måloppnåelse/);
    // Oslo universitetssykehus, Helse Sør-Øst: a unit with numbers shown, read whole from its one line.
    const ous = pt('OF1', 'unit', 'OUS');
    expect(lines.find((l) => /^\s*Oslo universitetssykehus\s+Helse Sør-Øst\s/.test(l))).toMatch(pathwayLine(ous));
    // No name wraps: every unit's row starts with its whole name (the sample's longest is 32 characters).
    expect(lines.slice(2, 2 + units.length).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(expect.arrayContaining(['Universitetssykehuset Nord-Norge', 'Haukeland universitetssjukehus', 'Sykehuset Telemark & Vestfold']));
    expect(lines.at(-2)).toMatch(pathwayLine(pt('OF1', 'national', 'ALL')));
    expect(lines.at(-1)).toMatch(/^\s*Mål: høy \/ moderat\s+70 % \/ 50 %\s*$/);
  });
});

describe('centralisation over time', () => {
  it('each year: every site group’s share with within / all, and the target', () => {
    const t = nb.slice(nb.indexOf('Andel behandlet ved senter over tid, nasjonalt, '));
    const line = t.split('\n').find((l) => /^\s*2024\s/.test(l))!;
    const rows = ['ALL', 'bone', 'soft_tissue', 'retroperitoneal'].map((g) => find((m) => m.metric === 'centralisation' && m.site_group === g && m.year === 2024 && m.level === 'national'));
    expect(line).toMatch(new RegExp(`^\\s*2024\\s+${rows.map((r) => `${pct(r.value)}\\s+${r.numerator}\\s*/\\s*${r.denominator}`).join('\\s+')}\\s+90 %\\s*$`));
  });

  it('a regional report sets each year beside the nation (all site groups), in its table and its chart', () => {
    const hso = text(join(out, 'report-2024-region-HSO.pdf'));
    const t = hso.slice(hso.indexOf('Sentralisering: Helse Sør-Øst, 2015–2024'));
    const line = t.split('\n').find((l) => /^\s*2024\s/.test(l))!;
    const cen = (level: string, group: string, g: string) => find((m) => m.metric === 'centralisation' && m.site_group === g && m.year === 2024 && m.level === level && m.group === group);
    const region = ['ALL', 'bone', 'soft_tissue', 'retroperitoneal'].map((g) => cen('region', 'HSO', g));
    const nation = cen('national', 'ALL', 'ALL');
    expect(line).toMatch(new RegExp(`^\\s*2024\\s+${region.map((r) => `${pct(r.value)}\\s+${r.numerator}\\s*/\\s*${r.denominator}`).join('\\s+')}\\s+${pct(nation.value)}\\s+90 %\\s*$`));
    const html = readFileSync(join(out, 'report-2024-region-HSO.html'), 'utf8');
    expect(html).toContain('Alle, nasjonalt');
    expect(html.slice(html.indexOf('Sentralisering: Helse Sør-Øst'))).toContain('Alle (nasjonalt)');
  });
});

describe('coverage by unit', () => {
  it('each year’s unit table ends with the nation and the target; the goal column is headed', () => {
    const lines = tableLines(nb, 'Dekningsgrad etter rapporterende enhet, 2024');
    expect(lines[1]).toMatch(/Enhet\s+Helseregion\s+Registrering\s+Pasienter\s+Måloppnåelse\s+Behandling\s+Pasienter\s+Måloppnåelse/);
    const nat = (ft: string) => find((m) => m.metric === 'coverage' && m.form_type === ft && m.year === 2024 && m.level === 'national');
    const [reg, tre] = [nat('registration'), nat('treatment')];
    expect(lines.at(-2)).toMatch(new RegExp(`^\\s*Nasjonalt\\s+${pct(reg.value)}\\s+${reg.numerator}\\s*/\\s*${reg.denominator}\\s+[●◐○]\\s+${pct(tre.value)}\\s+${tre.numerator}\\s*/\\s*${tre.denominator}\\s+[●◐○]\\s*$`));
    expect(lines.at(-1)).toMatch(/^\s*Mål\s+80 %\s+80 %\s*$/);
  });

  it('the goal-level shapes have their words as text alternative, in the HTML and the tagged PDF', () => {
    const html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
    const table = html.slice(html.indexOf('Dekningsgrad etter rapporterende enhet, 2024'));
    expect(table.slice(0, table.indexOf('</table>'))).toMatch(/<td class="goal low"><span role="img" aria-label="Lav">○<\/span><\/td>/);
    // Where the word is printed beside the shape, the shape is hidden from screen readers (read once).
    expect(html).toContain('<span aria-hidden="true">○</span> Lav</td>');
    const alts = pdfAlts(join(out, 'report-2024-national.pdf'));
    expect(alts).toEqual(expect.arrayContaining(['Lav', 'Moderat', 'Høy', 'ikke vurdert']));
  });
});

describe('three-year comparison', () => {
  it('one figure per indicator with a unit level, each unit printed with its report-year figures', () => {
    const flat = nb.replace(/\s+/g, ' ');
    for (const t of ['Dekningsgrad, registrering', 'Dekningsgrad, behandling', 'OF1 (start – første fremmøte, ≤ 8 dager)', 'OF4 (start – behandlingsstart, ≤ 43 dager)']) {
      expect(flat).toContain(`${t}: enhetene i 2024 og de to foregående årene`);
    }
    const html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
    const fig = html.slice(html.indexOf('Dekningsgrad, registrering: enhetene i 2024'));
    const svg = fig.slice(0, fig.indexOf('</svg>'));
    const shown = metrics.metrics.filter((m) => m.metric === 'coverage' && m.form_type === 'registration' && m.year === 2024 && m.level === 'unit' && !m.withheld);
    expect(shown.length).toBeGreaterThan(5);
    for (const m of shown) expect(svg).toContain(`>${pct(m.value).replace(' ', '\u00a0')} (${m.numerator} / ${m.denominator})</text>`);
  });

  it('the national report shows each region’s trend beside the nation', () => {
    expect(nb.replace(/\s+/g, ' ')).toContain('Dekningsgrad, registrering etter helseregion over tid');
  });
});

describe('units below target', () => {
  it('a compact list of exceptions, furthest below target first, ten and "og N til"', () => {
    const below = metrics.metrics
      .filter((m) => m.metric === 'coverage' && m.level === 'unit' && (m.year === 2024 || m.year === 2023) && !m.withheld && !m.group.startsWith('other:') && m.target !== null && m.value < m.target)
      .sort((a, b) => b.target! - b.value - (a.target! - a.value));
    expect(below.length).toBeGreaterThan(10);
    const flat = nb.replace(/\s+/g, ' ');
    const list = flat.slice(flat.indexOf('Enheter lengst under målet'));
    const worst = below[0]!;
    expect(list).toContain(`${worst.form_type === 'registration' ? 'registrering' : 'behandling'} ${worst.year}: ${pct(worst.value)} (${worst.numerator} av ${worst.denominator}), mål`);
    expect(list).toContain(`og ${below.length - 10} til under målet (se tabellene over).`);
  });
});

describe('regional reports', () => {
  const region = (code: string) => text(join(out, `report-2024-region-${code}.pdf`));

  it('every indicator of the region beside the nation and each other region', () => {
    const hv = region('HV');
    const at = (metric: string, dim: 'form_type' | 'interval', key: string, year: number, level: string, group: string) =>
      find((m) => m.metric === metric && m[dim] === key && m.year === year && m.level === level && m.group === group);
    const line = hv.slice(hv.indexOf('Regionen sammenlignet med landet')).split('\n').find((l) => l.includes('Forløpstider: OF2 (første fremmøte – beslutning'))!;
    const expected = [at('pathway_time', 'interval', 'OF2', 2024, 'region', 'HV'), at('pathway_time', 'interval', 'OF2', 2024, 'national', 'ALL'), ...['HMN', 'HN', 'HSO'].map((g) => at('pathway_time', 'interval', 'OF2', 2024, 'region', g))];
    const values = [...line.matchAll(/(\d+,\d) %/g)].map((m) => m[1]);
    expect(values).toEqual(expected.map((r) => pct(r.value).replace(' %', '')));
  });

  it('the data-quality page counts the region’s own rejected rows; regions and unplaced rows add up to the extract', () => {
    const total = readFileSync(join(out, 'internal/data-quality.csv'), 'utf8').trimEnd().split('\n').length - 1;
    let sum = 0;
    let unplaced = -1;
    for (const code of ['HMN', 'HN', 'HSO', 'HV']) {
      const t = region(code);
      const dq = t.slice(t.lastIndexOf('Avviste rader etter regel:'));
      const own = dq.slice(0, dq.indexOf('Rader per tabell i uttrekket'));
      sum += [...own.matchAll(/\(\w+\)\s+(\d+)\s*$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      const u = /(\d+) avviste rader i hele uttrekket mangler en gyldig enhet/.exec(t.replace(/\s+/g, ' '));
      if (u) unplaced = Number(u[1]);
    }
    expect(unplaced).toBeGreaterThan(0);
    expect(sum + unplaced).toBe(total);
  });
});

describe('unit reports', () => {
  it('--scope all gives a short report for every unit with published rows of its own', () => {
    const units = [...new Set(metrics.metrics.filter((m) => m.level === 'unit' && !m.group.startsWith('other:')).map((m) => m.group))].sort();
    const pdfs = readdirSync(out).filter((f) => f.startsWith('report-2024-unit-') && f.endsWith('.pdf')).map((f) => f.slice('report-2024-unit-'.length, -4)).sort();
    expect(pdfs).toEqual(units);
  });

  it('the unit’s three years beside its region and the nation, and what each target takes in counts', () => {
    const t = text(join(out, 'report-2024-unit-FORDE.pdf'));
    const flat = t.replace(/\s+/g, ' ');
    const u = (year: number, form: string) => find((m) => m.metric === 'coverage' && m.form_type === form && m.year === year && m.level === 'unit' && m.group === 'FORDE');
    const row = t.split('\n').find((l) => /^\s*Dekningsgrad, behandling\s+\d+,\d %/.test(l))!;
    const reg = find((m) => m.metric === 'coverage' && m.form_type === 'treatment' && m.year === 2024 && m.level === 'region' && m.group === 'HV');
    const nat = find((m) => m.metric === 'coverage' && m.form_type === 'treatment' && m.year === 2024 && m.level === 'national');
    expect([...row.matchAll(/(\d+,\d) %/g)].map((m) => m[1])).toEqual([u(2022, 'treatment'), u(2023, 'treatment'), u(2024, 'treatment'), reg, nat].map((r) => pct(r.value).replace(' %', '')));
    // The report year's target and moderate level beside the counts (80 % and 60 %, set above).
    expect(row).toMatch(/\d+ \/ \d+\s+80 % \/ 60 %\s+[●◐○] \w+/);
    // Registration 2024: 6 of 17 at an 80 % target: 14 of 17 reach it, so 8 more (hand-worked).
    const r24 = u(2024, 'registration');
    expect([r24.numerator, r24.denominator]).toEqual([6, 17]);
    expect(flat).toContain('Dekningsgrad, registrering 2024: 35,3 % (6 av 17). Målet på 80 % nås med 8 flere registrerte tilfeller.');
    expect(flat).not.toMatch(/\bK\d{6,}|\bP\d{6,}/);
  });
});

describe('the registry’s own texts', () => {
  it('foreword, about, chapter commentary, details and logo, rendered safely', () => {
    const flat = nb.replace(/\s+/g, ' ');
    expect(flat).toContain('Forord Registeret legger frem årsrapporten.');
    expect(flat).toContain('<script>alert(1)</script>');
    expect(flat).toContain('Om registeret Registeret omfatter alle pasienter med sarkom.');
    expect(flat).toContain('Kommentar fra registeret Faggruppen følger opp forløpstidene.');
    expect(flat).toContain('Dataansvarlig: Oslo universitetssykehus HF');
    expect(flat).toContain('Kontakt: sarkom@example.org');
    const html = readFileSync(join(out, 'report-2024-national.html'), 'utf8');
    expect([...html.matchAll(/<img [^>]*src="([^"]{0,30})/g)].map((m) => m[1])).toEqual(['data:image/png;base64,iVBORw0K']);
    expect(html).not.toContain('<script');
  });

  it('an indicator-definition table generated from registry.yaml', () => {
    // Reading order (no -layout): each cell's lines together.
    const flat = execFileSync('pdftotext', [join(out, 'report-2024-national.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(flat).toContain('Indikatorene: definisjon, begrunnelse og målnivå');
    expect(flat).toContain('Andelen forløp der tiden fra start til første fremmøte var høyst 8 dager.');
    expect(flat).toMatch(/≥ 90 %; moderat ≥ 75 % \(høyere er bedre\)/);
  });
});

describe('patient characteristics', () => {
  it('the cases of the report year add up to the coverage denominator, and no count below 5 is printed', () => {
    const cov = find((m) => m.metric === 'coverage' && m.form_type === 'registration' && m.year === 2024 && m.level === 'national');
    const page = nb.slice(nb.indexOf('Krefttilfeller etter diagnosegruppe, 2024'), nb.indexOf('Kompletthet per enhet'));
    expect(page).toMatch(new RegExp(`Totalt\\s+${cov.denominator}\\b`));
    for (const table of page.split('Krefttilfeller etter').slice(1)) {
      for (const line of table.split('\n').slice(1)) {
        // Count cells are integers not followed by "," (shares are "12,3 %"): none may be 1–4.
        for (const m of line.matchAll(/(?<![\d,])(\d+)(?![\d,])(?! år)/g)) expect(Number(m[1]) === 0 || Number(m[1]) >= 5, line).toBe(true);
      }
    }
  });
});

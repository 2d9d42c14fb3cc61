// The report's view model: what one report (national or one region) prints, section by section. Each
// section selects and formats rows of the published metric table (src/report/sections/).
import type { Language } from '../config/types.js';
import { fill, type Strings } from '../print/i18n.js';
import type { Cell, TableModel } from '../print/table.js';
import type { ReportContext, Scope } from './context.js';
import { centralisationSection } from './sections/centralisation.js';
import { colophonSection } from './sections/colophon.js';
import { coverageSection } from './sections/coverage.js';
import { dataQualitySection } from './sections/data-quality.js';
import { methodsSection } from './sections/methods.js';
import { pathwaySection } from './sections/pathway.js';
import { patientsSection } from './sections/patients.js';
import { summary } from './sections/summary.js';
import { toTargetSection, unitResultsSection } from './sections/unit.js';
import type { TextName } from './texts.js';
import { makeView, type View } from './view.js';

export interface Figure {
  readonly caption: string;
  readonly svg: string;
  readonly note?: string;
  /** what the chart shows, in words from its published values (charts-alt.ts): the SVG's description and the published figure's alt text */
  readonly alt: string;
}

export type Block =
  | { figure: Figure }
  | { table: TableModel }
  | { list: { caption: string; items: readonly string[] } }
  /** the registry's own Markdown, rendered safely (texts.ts) */
  | { prose: { caption: string; html: string } };

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly blocks: readonly Block[];
  /** continues on the page before instead of starting a new one */
  readonly flow?: boolean;
}

export interface ReportModel {
  readonly lang: Language;
  readonly s: Strings;
  readonly title: string;
  readonly registry: string;
  readonly year: number;
  readonly asOf: string;
  readonly scopeLabel: string;
  readonly regionName: string | null;
  /** the region's or unit's name, for the running header; null for the national report */
  readonly scopeName: string | null;
  readonly summary: { readonly table: TableModel; readonly findings: readonly string[]; readonly comparison: TableModel | null };
  /** the registry's foreword (HTML from texts/<lang>/foreword.md) */
  readonly foreword: string | null;
  /** About the registry: its own text and details, when it gave any */
  readonly about: Section | null;
  readonly logo: string | null;
  readonly dataController: string | null;
  readonly sections: readonly Section[];
  readonly methods: Section;
  /** null in a unit report */
  readonly dataQuality: Section | null;
  readonly colophon: Section;
  /** Footnotes for the marks of withheld cells: primary ("n < 5") and complementary suppression. */
  readonly suppressedNote: string | null;
  /** page: the section's page in the printed PDF, once known (null: not yet printed) */
  readonly contents: readonly { id: string; title: string; page: number | null }[];
}

/** The foreword, logo and data controller of the registry, for the front pages. */
function front(ctx: ReportContext): Pick<ReportModel, 'foreword' | 'logo' | 'dataController'> {
  return { foreword: ctx.texts.foreword ?? null, logo: ctx.logo, dataController: ctx.config.about.dataController?.[ctx.language] || null };
}

/** A chapter with the registry's commentary (texts/<lang>/<chapter>.md) as its last block. */
function withCommentary(v: View, section: Section): Section {
  const html = v.ctx.texts[section.id as TextName];
  return html ? { ...section, blocks: [...section.blocks, { prose: { caption: v.s.commentary, html } }] } : section;
}

/** About the registry: its text (about.md), data controller, contact and website; null when none is given. */
function aboutSection(v: View): Section | null {
  const { s, ctx } = v;
  const a = ctx.config.about;
  const facts = [
    ...(a.dataController ? [`${s.dataController}: ${a.dataController[ctx.language]}`] : []),
    ...(a.contact ? [`${s.contact}: ${a.contact}`] : []),
    ...(a.website ? [`${s.website}: ${a.website}`] : []),
  ];
  const text = ctx.texts.about;
  if (!text && !facts.length) return null;
  return {
    id: 'about',
    title: s.aboutRegistry,
    intro: '',
    // Usually short: it follows the summary rather than opening a page of its own.
    flow: true,
    blocks: [...(text ? [{ prose: { caption: '', html: text } }] : []), ...(facts.length ? [{ list: { caption: '', items: facts } }] : [])],
  };
}

/** The cells of every table in the given tables and sections. */
function cellsOf(tables: readonly TableModel[], sections: readonly Section[]): Cell[] {
  const all = [...tables, ...sections.flatMap((x) => x.blocks.flatMap((b) => ('table' in b ? [b.table] : [])))];
  return all.flatMap((t) => t.rows.flatMap((r) => [...r]));
}

export async function buildModel(ctx: ReportContext, scope: Scope): Promise<ReportModel> {
  if (scope.kind === 'unit') return buildUnitModel(ctx, scope.code);
  const v = makeView(ctx, scope);
  const { s, Y, regionName } = v;
  const sum = summary(v);
  const sections = [await coverageSection(v), await centralisationSection(v), await pathwaySection(v)].filter((x) => x !== null).map((x) => withCommentary(v, x));
  const about = aboutSection(v);
  const patients = patientsSection(v);
  if (patients) sections.unshift(patients);
  const methods = methodsSection(v);
  const dataQuality = dataQualitySection(v);
  const colophon = colophonSection(v);

  // The footnotes say what the marks of the withheld cells printed in this report mean.
  const marks = new Set(cellsOf([sum.table, ...(sum.comparison ? [sum.comparison] : [])], sections).map((c) => c.mark));
  const minCell = ctx.config.publication.minCell;
  const notes = [marks.has('suppressed') ? fill(s.suppressedNote, { n: minCell }) : '', marks.has('complementary') ? s.complementaryNote : ''];
  const all = [...(about ? [about] : []), ...sections, methods, dataQuality, colophon];
  return {
    lang: ctx.language,
    s,
    title: `${ctx.table.registry} – ${s.annualReport} ${Y}${regionName ? ` – ${regionName}` : ''}`,
    registry: ctx.table.registry,
    year: Y,
    asOf: v.f.date(ctx.table.as_of),
    scopeLabel: regionName ? `${s.scopeRegion}: ${regionName}` : s.scopeNational,
    regionName,
    scopeName: regionName,
    summary: sum,
    ...front(ctx),
    about,
    sections,
    methods,
    dataQuality,
    colophon,
    suppressedNote: notes.filter(Boolean).join(' ') || null,
    contents: [...(ctx.texts.foreword ? [{ id: 'foreword', title: s.foreword, page: null }] : []), { id: 'summary', title: s.summary, page: null }, ...all.map((x) => ({ id: x.id, title: x.title, page: null }))],
  };
}

/** A unit's short report: summary and findings, its results for three years, what the targets take. */
function buildUnitModel(ctx: ReportContext, code: string): ReportModel {
  const v = makeView(ctx, { kind: 'unit', code });
  const { s, Y } = v;
  const name = ctx.units.get(code)?.name ?? code;
  const sum = summary(v);
  const sections = [unitResultsSection(v), toTargetSection(v)];
  const methods = methodsSection(v);
  const colophon = colophonSection(v);
  const marks = new Set(cellsOf([sum.table], sections).map((c) => c.mark));
  const minCell = ctx.config.publication.minCell;
  const notes = [marks.has('suppressed') ? fill(s.suppressedNote, { n: minCell }) : '', marks.has('complementary') ? s.complementaryNote : ''];
  const all = [...sections, methods, colophon];
  return {
    lang: ctx.language,
    s,
    title: `${ctx.table.registry} – ${s.annualReport} ${Y} – ${name}`,
    registry: ctx.table.registry,
    year: Y,
    asOf: v.f.date(ctx.table.as_of),
    scopeLabel: `${s.scopeUnit}: ${name}${v.regionName ? ` (${v.regionName})` : ''}`,
    regionName: v.regionName,
    scopeName: name,
    summary: sum,
    ...front(ctx),
    about: null,
    sections,
    methods,
    dataQuality: null,
    colophon,
    suppressedNote: notes.filter(Boolean).join(' ') || null,
    contents: [...(ctx.texts.foreword ? [{ id: 'foreword', title: s.foreword, page: null }] : []), { id: 'summary', title: s.summary, page: null }, ...all.map((x) => ({ id: x.id, title: x.title, page: null }))],
  };
}

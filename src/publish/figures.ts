// Report context → the charts of the national and the regional reports as files: each report's own
// figures, taken from its view model (src/report/sections/), so a published figure is the report's
// figure byte for byte; each with a number, caption, alt text and file names; figures-<lang>.md lists
// them for a web team.
import type { Language } from '../config/types.js';
import { fill, STRINGS } from '../print/i18n.js';
import type { ReportContext, Scope } from '../report/context.js';
import { buildModel } from '../report/model.js';
import { codeFileName } from '../output-names.js';
import { DPI } from './png.js';
import { PUBLISH_STRINGS } from './strings.js';

export interface FigureFile {
  readonly scope: Scope;
  /** its number within its report */
  readonly number: number;
  /** language-independent part of the file names: the report section, e.g. coverage */
  readonly slug: string;
  readonly caption: string;
  readonly alt: string;
  readonly svg: string;
}

/** figure-nb-national-01-coverage, figure-nb-region-HV-01-coverage (no extension). */
export function figureBase(f: Pick<FigureFile, 'scope' | 'number' | 'slug'>, lang: Language): string {
  const scope = f.scope.kind === 'national' ? 'national' : `${f.scope.kind}-${codeFileName(f.scope.code)}`;
  return `figure-${lang}-${scope}-${String(f.number).padStart(2, '0')}-${f.slug}`;
}

/** The charts of every report (national first, then each region's), in the reports' order. */
export async function reportFigures(ctx: ReportContext): Promise<FigureFile[]> {
  const scopes: Scope[] = [{ kind: 'national' }, ...[...ctx.regions.keys()].map((code) => ({ kind: 'region', code }) as const)];
  const out: FigureFile[] = [];
  for (const scope of scopes) out.push(...(await scopeFigures(ctx, scope)));
  return out;
}

/** The charts of one report, in its order, each with the alt text its report wrote from the chart's values. */
export async function scopeFigures(ctx: ReportContext, scope: Scope): Promise<FigureFile[]> {
  const model = await buildModel(ctx, scope);
  const figures = model.sections.flatMap((sec) => sec.blocks.flatMap((b) => ('figure' in b ? [{ section: sec.id, figure: b.figure }] : [])));
  return figures.map(({ section, figure }, i) => ({
    scope,
    number: i + 1,
    slug: section,
    caption: figure.caption,
    alt: figure.alt,
    svg: figure.svg,
  }));
}

/** figures-<lang>.md: what a web team needs to place each figure, report by report. */
export function figuresMarkdown(figs: readonly FigureFile[], ctx: ReportContext): string {
  const p = PUBLISH_STRINGS[ctx.language];
  const s = STRINGS[ctx.language];
  const lines = [`# ${ctx.table.registry}: ${p.figuresTitle} ${ctx.table.year}`, '', fill(p.figuresIntro, { year: ctx.table.year }), ''];
  let scope = '';
  for (const fig of figs) {
    const title = fig.scope.kind === 'national' ? s.scopeNational : `${s.scopeRegion}: ${ctx.regions.get(fig.scope.code) ?? fig.scope.code}`;
    if (title !== scope) lines.push(`## ${title}`, '');
    scope = title;
    const base = figureBase(fig, ctx.language);
    lines.push(`### ${p.figure} ${fig.number}: ${fig.caption}`, '', `- ${p.alt}: ${fig.alt}`, `- ${p.files}: \`${base}.svg\`, \`${base}.png\` (${DPI} dpi)`, '');
  }
  return lines.join('\n');
}

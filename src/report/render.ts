// Report model → one self-contained HTML document (inline CSS and SVG, no scripts, no external requests).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.js';
import type { Cell, ReportModel, Section, TableModel } from './model.js';

let compiled: HandlebarsTemplateDelegate | null = null;

function template(): HandlebarsTemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  const partials = join(TEMPLATES_DIR, 'partials');
  for (const f of readdirSync(partials).filter((x) => x.endsWith('.hbs'))) {
    hb.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(join(partials, f), 'utf8'));
  }
  // Every {{value}} is HTML-escaped (unit names may hold <, & and quotes); only the SVG charts and
  // the stylesheet, which the program makes itself, are inserted raw with {{{ }}}.
  compiled = hb.compile(readFileSync(join(TEMPLATES_DIR, 'report.hbs'), 'utf8'));
  return compiled;
}

/** Header cells aligned like their column, and short tables kept on one page. */
function layoutTable(t: TableModel): TableModel & { headCells: Cell[]; keep: boolean } {
  const first = t.rows[0] ?? [];
  const headCells = t.head.map((text, i) => ({ text, cls: /\bnum\b/.test(first[i]?.cls ?? '') ? 'num' : '' }));
  return { ...t, headCells, keep: t.rows.length <= 25 };
}

function layoutSection(s: Section): Section {
  return { ...s, blocks: s.blocks.map((b) => ('table' in b ? { table: layoutTable(b.table) } : b)) };
}

export function renderHtml(model: ReportModel): string {
  const css = readFileSync(join(TEMPLATES_DIR, 'styles.css'), 'utf8');
  return template()({
    ...model,
    summary: { ...model.summary, table: layoutTable(model.summary.table) },
    sections: model.sections.map(layoutSection),
    methods: layoutSection(model.methods),
    dataQuality: layoutSection(model.dataQuality),
    colophon: layoutSection(model.colophon),
    css,
  });
}

// Report model → one self-contained HTML document (inline CSS and SVG, no scripts, no external requests).
import { stylesheet, template } from '../print/render.js';
import { layoutTable } from '../print/table.js';
import type { ReportModel, Section } from './model.js';

function layoutSection(s: Section): Section {
  return { ...s, blocks: s.blocks.map((b) => ('table' in b ? { table: layoutTable(b.table) } : b)) };
}

export function renderHtml(model: ReportModel): string {
  return template('report')({
    ...model,
    summary: { ...model.summary, table: layoutTable(model.summary.table), comparison: model.summary.comparison ? layoutTable(model.summary.comparison) : null },
    sections: model.sections.map(layoutSection),
    methods: layoutSection(model.methods),
    about: model.about ? layoutSection(model.about) : null,
    dataQuality: model.dataQuality ? layoutSection(model.dataQuality) : null,
    colophon: layoutSection(model.colophon),
    css: stylesheet(),
  });
}

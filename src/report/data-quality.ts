// The report's data-quality appendix: row accounting, rejected rows per rule, the extract's warnings.
// Counts only: no row, id or value of a patient.
import { TABLES } from '../load/contract.js';
import type { NumberFormat, Strings } from './i18n.js';
import type { ReportContext, Section } from './model.js';
import { warningCaption, warningText } from './warnings.js';

export function dataQualitySection(ctx: ReportContext, s: Strings, f: NumberFormat, groupLabel: (id: string) => string): Section {
  return {
    id: 'data-quality',
    title: s.dataQuality,
    intro: '',
    blocks: [
      {
        table: {
          caption: s.dataQuality,
          head: [s.table, s.read, s.used, s.outOfScope, s.rejected],
          rows: TABLES.flatMap((t) => {
            const a = ctx.accounting[t];
            if (!a) return [];
            return [[
              { text: s.tables[t] ?? t },
              { text: f.int(a.read), cls: 'num' },
              { text: f.int(a.used), cls: 'num' },
              { text: a.out_of_scope === undefined ? '' : f.int(a.out_of_scope), cls: 'num' },
              { text: f.int(a.rejected), cls: 'num' },
            ]];
          }),
        },
      },
      {
        table: {
          caption: s.rejectedByRule,
          head: [s.table, s.rule, s.rows],
          rows: ctx.dqCounts.map((d) => [{ text: s.tables[d.table] ?? d.table }, { text: `${s.rules[d.rule] ?? d.rule} (${d.rule})` }, { text: f.int(d.n), cls: 'num' }]),
        },
      },
      ...(ctx.warnings.length
        ? [{ list: { caption: warningCaption(ctx.language), items: ctx.warnings.map((w) => warningText(ctx.language, w, (c) => ctx.units.get(c)?.name ?? c, groupLabel)) } }]
        : []),
    ],
  };
}

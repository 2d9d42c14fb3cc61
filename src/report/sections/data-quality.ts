// Data quality: row accounting per table and rejected rows per rule.
import { TABLES } from '../../load/contract.js';
import { labelOf } from '../../print/i18n.js';
import type { Section } from '../model.js';
import type { View } from '../view.js';

export function dataQualitySection(v: View): Section {
  const { s, f, ctx } = v;
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
              { text: s.tables[t] },
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
          rows: ctx.dqCounts.map((d) => [{ text: labelOf(s.tables, d.table) }, { text: `${labelOf(s.rules, d.rule)} (${d.rule})` }, { text: f.int(d.n), cls: 'num' }]),
        },
      },
    ],
  };
}

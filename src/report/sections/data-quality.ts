// Data quality: row accounting per table and rejected rows per rule; in a regional report, the rejected
// rows of the region's units first.
import { TABLES } from '../../load/contract.js';
import { fill, labelOf } from '../../print/i18n.js';
import type { TableModel } from '../../print/table.js';
import type { DqCount } from '../context.js';
import type { Section } from '../model.js';
import type { View } from '../view.js';
import { warningCaption, warningText } from '../warnings.js';

function ruleTable(v: View, caption: string, counts: readonly DqCount[], note?: string): TableModel {
  const { s, f } = v;
  return {
    caption,
    head: [s.table, s.rule, s.rows],
    rows: counts.map((d) => [{ text: labelOf(s.tables, d.table) }, { text: `${labelOf(s.rules, d.rule)} (${d.rule})` }, { text: f.int(d.n), cls: 'num' }]),
    ...(note ? { note } : {}),
  };
}

function accountingTable(v: View): TableModel {
  const { s, f, ctx } = v;
  return {
    caption: s.rowsByTable,
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
  };
}

/** The extract's warnings (docs/data-contract.md, Implausible input), without counts of cases. */
function warningsBlock(v: View): Section['blocks'] {
  const { ctx } = v;
  if (!ctx.warnings.length) return [];
  const groupLabel = (id: string) => ctx.config.cohort.siteGroups.find((g) => g.id === id)?.label[ctx.language] ?? id;
  return [{ list: { caption: warningCaption(ctx.language), items: ctx.warnings.map((w) => warningText(ctx.language, w, (c) => ctx.units.get(c)?.name ?? c, groupLabel)) } }];
}

export function dataQualitySection(v: View): Section {
  const { s, ctx, regionCode, regionName } = v;
  const national = ruleTable(v, regionCode ? `${s.rejectedByRule}, ${s.national.toLowerCase()}` : s.rejectedByRule, ctx.dqCounts);
  if (!regionCode) return { id: 'data-quality', title: s.dataQuality, intro: '', blocks: [{ table: accountingTable(v) }, { table: national }, ...warningsBlock(v)] };
  const own = ctx.dqByRegion.get(regionCode) ?? [];
  const unplaced = (ctx.dqByRegion.get('') ?? []).reduce((n, d) => n + d.n, 0);
  const note = unplaced ? fill(s.dqUnplaced, { n: v.f.int(unplaced) }) : undefined;
  return {
    id: 'data-quality',
    title: s.dataQuality,
    intro: fill(s.dqRegionIntro, { region: regionName ?? regionCode }),
    blocks: [
      own.length ? { table: ruleTable(v, `${s.rejectedByRule}: ${regionName}`, own, note) } : { list: { caption: `${s.rejectedByRule}: ${regionName}`, items: [s.dqNoneRejected] } },
      { table: accountingTable(v) },
      { table: national },
      ...warningsBlock(v),
    ],
  };
}

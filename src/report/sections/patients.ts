// The patients of the report year: cases by site group, sex and age band, and the completeness of key
// variables per unit. Counts come from characteristics.ts, already protected; a withheld count prints
// its mark and no share.
import { isShown } from '../../metrics/published.js';
import { fill } from '../../print/i18n.js';
import type { Cell, TableModel } from '../../print/table.js';
import { TOTAL, type Breakdown, type CountCell } from '../characteristics.js';
import type { Block, Section } from '../model.js';
import type { View } from '../view.js';

function count(v: View, c: CountCell | undefined): Cell {
  if (!c) return { text: '0', cls: 'num' };
  if (c.withheld) return c.suppressed ? { text: fill(v.s.suppressedMark, { n: v.ctx.config.publication.minCell }), cls: 'num suppressed', mark: 'suppressed' } : { text: v.s.complementaryMark, cls: 'num suppressed', mark: 'complementary' };
  return { text: v.f.int(c.n), cls: 'num' };
}

function share(v: View, c: CountCell | undefined, total: CountCell | undefined): Cell {
  if (!c || !total || c.withheld || total.withheld || total.n === 0) return { text: '', cls: 'num' };
  return { text: v.f.pct(c.n / total.n), cls: 'num' };
}

function categoryLabel(v: View, b: Breakdown, c: string): string {
  const { s } = v;
  if (c === TOTAL) return s.total;
  if (b.dimension === 'site_group') return v.groupLabel(c);
  if (b.dimension === 'sex') return c === 'F' ? s.female : c === 'M' ? s.male : s.unknown;
  return c === 'unknown' ? s.unknown : `${c.replace('-', '–')} ${s.yearsOld}`;
}

function breakdownTable(v: View, b: Breakdown): TableModel {
  const { s, regionCode, regionName } = v;
  const title = { site_group: s.siteGroup, sex: s.sex, age_band: s.ageBand }[b.dimension];
  const scopes = regionCode ? [regionCode, 'ALL'] : ['ALL', ...v.regionsOrdered];
  const withShare = regionCode ? scopes : ['ALL'];
  const label = (sc: string) => (sc === 'ALL' ? s.national : sc === regionCode ? (regionName ?? sc) : v.regionLabel(sc));
  return {
    caption: fill(s.patientsBy, { what: title.toLowerCase(), year: v.Y }),
    head: [title, ...scopes.flatMap((sc) => (withShare.includes(sc) ? [label(sc), s.share] : [label(sc)]))],
    rows: [...b.categories, TOTAL].map((c) => [
      { text: categoryLabel(v, b, c), ...(c === TOTAL ? { cls: 'total' } : {}) },
      ...scopes.flatMap((sc) => {
        const cell = b.cells.get(sc)?.get(c);
        return withShare.includes(sc) ? [count(v, cell), share(v, cell, b.cells.get(sc)?.get(TOTAL))] : [count(v, cell)];
      }),
    ]),
  };
}

function completenessTable(v: View): TableModel {
  const { s, f, ctx, Y } = v;
  const ft0 = ctx.config.coverage.formTypes[0]!;
  const byUnit = new Map((ctx.characteristics?.completeness ?? []).map((u) => [u.unit, u]));
  const rows = v.unitsInScope.flatMap((u) => {
    const c = byUnit.get(u.code);
    if (!c) return [];
    // The unit's cases are the coverage denominator of the year: shown only where that row is shown.
    const cov = v.cov(ft0, Y, 'unit', u.code);
    if (!isShown(cov) || c.filled === null) {
      const mark = cov ? v.rate(cov) : count(v, { n: c.cases, withheld: true, suppressed: true });
      return [[{ text: u.name }, mark, { text: '', cls: 'num' }, { text: '', cls: 'num' }, { text: '', cls: 'num' }]];
    }
    return [[{ text: u.name }, { text: f.int(c.cases), cls: 'num' }, ...(['sex', 'age', 'morphology'] as const).map((k) => ({ text: f.pct(c.filled![k] / c.cases), cls: 'num' }))]];
  });
  return { caption: fill(s.completenessCaption, { year: Y }), head: [s.unit, s.patients, s.sex, s.age, s.morphology], rows };
}

export function patientsSection(v: View): Section | null {
  const ch = v.ctx.characteristics;
  if (!ch || v.level === 'unit') return null;
  const blocks: Block[] = ch.breakdowns.map((b) => ({ table: breakdownTable(v, b) }));
  blocks.push({ table: completenessTable(v) });
  return { id: 'patients', title: v.s.patientsTitle, intro: fill(v.s.patientsIntro, { year: v.Y }), blocks };
}

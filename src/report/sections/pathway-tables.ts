// Pathway-time tables: per interval, the regions (or units) with the share within the standard time, its
// numerator / denominator, the median days and the goal level, then the nation as the reference row and the
// target, so that every row reads against both.
import type { PathwayInterval } from '../../config/types.js';
import { nameCell, type Cell } from '../../print/table.js';
import type { Block } from '../model.js';
import type { MetricRow, View } from '../view.js';

/** One row of a pathway table: name, share, within / all, median days, goal level. */
function row(v: View, name: Cell, r: MetricRow | undefined): Cell[] {
  return [name, v.rate(r), v.counts(r), v.median(r), v.goal(r)];
}

/** The nation's row in bold, and the target (with the moderate level when set) under the shares. */
function referenceRows(v: View, iv: PathwayInterval, width: number): Cell[][] {
  const nat = v.pt(iv.id, v.Y, 'national', 'ALL');
  const pad = (n: number): Cell[] => Array.from({ length: n }, () => ({ text: '' }));
  const [first, ...rest] = row(v, nameCell(v.s.national, 'total'), nat);
  return [
    [first!, ...pad(width - 5), ...rest],
    [nameCell(v.hasModerate ? v.s.targetLevels : v.s.target), ...pad(width - 5), v.targetLevels(nat), ...pad(3)],
  ];
}

/** Every interval in one table: a heading row per interval, its regions, the nation and the target. */
export function pathwayRegionTable(v: View): Block {
  const { s, Y, regionCode, regionsOrdered } = v;
  const intervals = v.ctx.config.pathway?.intervals ?? [];
  const regs = regionCode ? [regionCode] : regionsOrdered;
  const head = [s.region, s.shareWithin, s.pathwaysWithin, s.medianDays, s.goalLevel];
  return {
    table: {
      caption: `${s.pathwayByRegion}, ${Y}`,
      head,
      rows: intervals.flatMap((iv) => [
        [{ text: v.intervalWithNorm(iv), cls: 'group', span: head.length }],
        ...regs.map((rc) => row(v, nameCell(v.regionLabel(rc)), v.pt(iv.id, Y, 'region', rc))),
        ...referenceRows(v, iv, head.length),
      ]),
      note: s.goalLegend,
    },
  };
}

/** One table per interval: the units with rows for it (and their region in a national report), the region, the nation, the target. */
export function pathwayUnitTables(v: View): Block[] {
  const { s, Y, regionCode, regionName } = v;
  return (v.ctx.config.pathway?.intervals ?? []).flatMap((iv): Block[] => {
    const units = v.unitsInScope.filter((u) => v.pt(iv.id, Y, 'unit', u.code));
    if (!units.length) return [];
    const withRegion = !regionCode;
    const head = [s.unit, ...(withRegion ? [s.region] : []), s.shareWithin, s.pathwaysWithin, s.medianDays, s.goalLevel];
    const unitRow = (name: Cell, region: string | null, r: MetricRow | undefined): Cell[] => {
      const [first, ...rest] = row(v, name, r);
      return [first!, ...(withRegion ? [nameCell(region ?? '')] : []), ...rest];
    };
    return [{
      table: {
        caption: `${s.pathwayByUnit}, ${Y}: ${v.intervalWithNorm(iv)}`,
        head,
        rows: [
          ...units.map((u) => unitRow(nameCell(u.name), v.regionLabel(u.region), v.pt(iv.id, Y, 'unit', u.code))),
          ...(regionCode ? [unitRow(nameCell(regionName ?? regionCode, 'total'), null, v.pt(iv.id, Y, 'region', regionCode))] : []),
          ...referenceRows(v, iv, head.length),
        ],
        note: s.goalLegend,
      },
    }];
  });
}

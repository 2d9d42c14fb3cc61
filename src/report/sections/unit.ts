// A hospital (unit) report: the unit's indicators for three years against its region and the nation, and
// what reaching each target takes, in counts (never ids). Sections of the unit's own report only.
import { isShown } from '../../metrics/published.js';
import { fill } from '../../print/i18n.js';
import { nameCell, type Cell } from '../../print/table.js';
import { registrationsToTarget } from '../../worklist/worklist.js';
import type { Section } from '../model.js';
import type { MetricRow, View } from '../view.js';

interface UnitIndicator {
  readonly label: string;
  readonly kind: 'coverage' | 'pathway';
  readonly get: (year: number, level: string, group: string) => MetricRow | undefined;
}

function unitIndicators(v: View): UnitIndicator[] {
  const { s, ctx } = v;
  return [
    ...ctx.config.coverage.formTypes.map((ft): UnitIndicator => ({ label: `${s.coverage}, ${v.formLabel(ft)}`, kind: 'coverage', get: (y, l, g) => v.cov(ft, y, l, g) })),
    ...(ctx.config.pathway?.intervals ?? []).map((iv): UnitIndicator => ({ label: v.intervalWithNorm(iv), kind: 'pathway', get: (y, l, g) => v.pt(iv.id, y, l, g) })),
  ];
}

/** The unit's indicators: three years, then the region and the nation in the report year. */
export function unitResultsSection(v: View): Section {
  const { s, Y, group, regionCode, regionName } = v;
  const rows: Cell[][] = unitIndicators(v)
    .filter((it) => [Y, Y - 1, Y - 2].some((y) => it.get(y, 'unit', group)))
    .map((it) => {
      const own = it.get(Y, 'unit', group);
      return [
        nameCell(it.label),
        v.rate(it.get(Y - 2, 'unit', group)),
        v.rate(it.get(Y - 1, 'unit', group)),
        { ...v.rate(own), cls: `${v.rate(own).cls ?? ''} total` },
        v.counts(own),
        v.targetLevels(own),
        v.goal(own),
        v.rate(regionCode ? it.get(Y, 'region', regionCode) : undefined),
        v.rate(it.get(Y, 'national', 'ALL')),
      ];
    });
  return {
    id: 'unit-results',
    title: s.unitResults,
    intro: fill(s.unitResultsIntro, { year: Y, region: regionName ?? '' }),
    blocks: [{
      table: {
        caption: fill(s.unitResultsCaption, { y0: Y - 2, y1: Y }),
        head: [s.indicator, String(Y - 2), String(Y - 1), String(Y), s.patients, v.hasModerate ? s.targetLevels : s.target, s.goalLevel, `${regionName ?? s.region} ${Y}`, `${s.national} ${Y}`],
        rows,
        note: s.goalLegend,
      },
    }],
  };
}

/** What reaching each target takes: further registrations (coverage) or pathways within the norm. */
export function toTargetSection(v: View): Section {
  const { s, f, Y, group } = v;
  const items: string[] = [];
  for (const it of unitIndicators(v)) {
    for (const y of it.kind === 'coverage' ? [Y, Y - 1] : [Y]) {
      const r = it.get(y, 'unit', group);
      if (!r || r.target === null) continue;
      const label = `${it.label} ${y}`;
      if (!isShown(r)) {
        items.push(fill(s.toTargetWithheld, { indicator: label }));
        continue;
      }
      const values = { indicator: label, value: f.pct(r.value), n: f.int(r.numerator), d: f.int(r.denominator), target: f.target(r.target) };
      const k = registrationsToTarget(r.numerator, r.denominator, r.target);
      if (r.value >= r.target) items.push(fill(s.toTargetReached, values));
      else items.push(fill(it.kind === 'coverage' ? s.toTargetCoverage : s.toTargetPathway, { ...values, k: f.int(k) }));
    }
  }
  return { id: 'to-target', title: s.toTarget, intro: s.toTargetIntro, flow: true, blocks: [{ list: { caption: '', items } }] };
}

// Methods, generated from registry.yaml: cohort, cut-off, targets, confidence intervals, disclosure
// control, designated centres and pathway norms.
import { fill, labelOf } from '../../print/i18n.js';
import type { Block, Section } from '../model.js';
import type { View } from '../view.js';

function normsTable(v: View): Block[] {
  const { s } = v;
  const intervals = v.ctx.config.pathway?.intervals ?? [];
  if (!intervals.length) return [];
  return [{
    table: {
      caption: s.methodsText.norms,
      head: [s.interval, '', s.norm],
      rows: intervals.map((iv) => [
        { text: iv.id },
        { text: `${labelOf(s.roles, iv.from)} → ${labelOf(s.roles, iv.to)}${iv.treatments ? ` (${iv.treatments.map((t) => labelOf(s.treatmentTypes, t)).join(', ')})` : ''}` },
        { text: `${iv.normDays} ${s.days}`, cls: 'num' },
      ]),
    },
  }];
}

export function methodsSection(v: View): Section {
  const { s, f, ctx } = v;
  const { config } = ctx;
  const m = s.methodsText;
  const minCell = config.publication.minCell;
  const centres = [...ctx.units.values()].filter((u) => u.centreFor.length).sort((a, b) => a.name.localeCompare(b.name, ctx.language));
  return {
    id: 'methods',
    title: s.methods,
    intro: [m.spec, m.cohort].join(' '),
    blocks: [
      { table: { caption: s.siteGroup, head: [s.siteGroup, 'ICD-10'], rows: config.cohort.siteGroups.map((g) => [{ text: g.label[ctx.language] }, { text: g.icd10.join(', ') }]) } },
      {
        list: {
          caption: s.methods,
          items: [
            `${s.cutoff}: ${f.date(ctx.table.as_of)}. ${m.cutoff}`,
            fill(m.targets, { current: f.target(config.coverage.targetCurrentYear), previous: f.target(config.coverage.targetPreviousYear) }),
            fill(m.centralisation, { types: config.centralisation.treatmentTypes.map((t) => labelOf(s.treatmentTypes, t)).join(', ') }) +
              (config.centralisation.target !== null ? ` ${s.target}: ${f.target(config.centralisation.target)}.` : ''),
            m.ci,
            fill(m.suppression, { n: minCell }),
            m.complementary,
          ],
        },
      },
      { table: { caption: m.centres, head: [s.unit, s.region, s.siteGroup], rows: centres.map((u) => [{ text: u.name }, { text: v.regionLabel(u.region) }, { text: u.centreFor.map(v.groupLabel).join(', ') }]) } },
      ...normsTable(v),
    ],
  };
}

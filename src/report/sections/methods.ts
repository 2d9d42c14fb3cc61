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
      head: [s.interval, s.fromTo, s.norm],
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
      definitionsTable(v),
      { table: { caption: s.siteGroup, head: [s.siteGroup, 'ICD-10'], rows: config.cohort.siteGroups.map((g) => [{ text: g.label[ctx.language] }, { text: g.icd10.join(', ') }]) } },
      {
        list: {
          caption: s.methodsRules,
          items: [
            `${s.cutoff}: ${f.date(ctx.table.as_of)}. ${m.cutoff}`,
            fill(m.targets, { current: f.target(config.coverage.targetCurrentYear), previous: f.target(config.coverage.targetPreviousYear) }),
            fill(m.centralisation, { types: config.centralisation.treatmentTypes.map((t) => labelOf(s.treatmentTypes, t)).join(', ') }) +
              (config.centralisation.target !== null ? ` ${s.target}: ${f.target(config.centralisation.target)}.` : ''),
            fill(m.ci, { p95: f.target(0.95) }),
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

/** The indicator definitions, generated from registry.yaml: what, why, goal levels, direction, source. */
export function definitionsTable(v: View): Block {
  const { s, f, ctx } = v;
  const { config } = ctx;
  const levels = (target: number, moderate: number | null) => fill(s.levelsText, { target: f.target(target) }) + (moderate !== null ? fill(s.moderateText, { moderate: f.target(moderate) }) : '');
  const cov = config.coverage;
  const rows = [
    ...cov.formTypes.map((ft) => [
      `${s.coverage}, ${v.formLabel(ft)}`, fill(s.defCoverage, { form: v.formLabel(ft) }), s.whyCoverage,
      fill(s.reportYearLevels, { levels: levels(cov.targetCurrentYear, cov.moderateCurrentYear), previous: levels(cov.targetPreviousYear, cov.moderatePreviousYear) }), s.srcCoverage,
    ]),
    [
      s.centralisation, fill(s.defCentralisation, { types: config.centralisation.treatmentTypes.map((t) => labelOf(s.treatmentTypes, t)).join(', ') }), s.whyCentralisation,
      config.centralisation.target === null ? s.noTarget : levels(config.centralisation.target, config.centralisation.moderate), s.srcCentralisation,
    ],
    ...(config.pathway?.intervals ?? []).map((iv) => [
      `${s.pathway}: ${iv.id}`, fill(s.defPathway, { from: labelOf(s.roles, iv.from), to: labelOf(s.roles, iv.to), norm: iv.normDays }), s.whyPathway,
      levels(config.pathway!.complianceTarget, config.pathway!.complianceModerate), s.srcPathway,
    ]),
  ];
  return {
    table: {
      caption: s.indicatorDefinitions,
      head: [s.indicator, s.definition, s.rationale, s.goalLevel, s.source],
      rows: rows.map(([ind, def, why, lv, src]) => [{ text: ind! }, { text: def!, cls: 'prose-cell' }, { text: why!, cls: 'prose-cell' }, { text: `${lv} (${s.higherBetter})`, cls: 'prose-cell' }, { text: src! }]),
    },
  };
}

// The extract's warnings (load/plausibility.ts) in the report's language, for the data-quality appendix.
import type { Language } from '../config/types.js';
import type { ExtractWarning } from '../load/plausibility.js';
import { fill } from '../print/i18n.js';

interface WarningStrings {
  readonly caption: string;
  readonly pathwayNotRead: string;
  readonly unitWithoutForms: string;
  readonly emptySiteGroup: string;
}

const TEXT: Readonly<Record<Language, WarningStrings>> = {
  nb: {
    caption: 'Advarsler om uttrekket',
    pathwayNotRead: '{file} er ikke lest: registry.yaml har ingen pathway-del.',
    unitWithoutForms: '{unit} er rapporteringsansvarlig for tilfeller diagnostisert {years}, men ingen av dem har et skjema.',
    emptySiteGroup: 'Diagnosegruppen {group} ({codes}) omfatter ingen tilfeller.',
  },
  sv: {
    caption: 'Varningar om uttaget',
    pathwayNotRead: '{file} har inte lästs: registry.yaml har ingen pathway-del.',
    unitWithoutForms: '{unit} är rapporteringsansvarig för fall diagnostiserade {years}, men inget av dem har ett formulär.',
    emptySiteGroup: 'Diagnosgruppen {group} ({codes}) omfattar inga fall.',
  },
  en: {
    caption: 'Warnings about the extract',
    pathwayNotRead: '{file} was not read: registry.yaml has no pathway section.',
    unitWithoutForms: '{unit} is the reporting unit of cases diagnosed {years}, but none of them has a form.',
    emptySiteGroup: 'The site group {group} ({codes}) matches no case.',
  },
};

export function warningCaption(language: Language): string {
  return TEXT[language].caption;
}

/** One warning as a sentence; `unitName` and `groupName` give the display names the report uses. */
export function warningText(language: Language, w: ExtractWarning, unitName: (code: string) => string, groupName: (id: string) => string): string {
  const t = TEXT[language];
  switch (w.kind) {
    case 'pathway_not_read':
      return fill(t.pathwayNotRead, { file: w.file });
    case 'unit_without_forms':
      // No count: a published report shows no number of patients that small-cell suppression has not seen.
      return fill(t.unitWithoutForms, { unit: unitName(w.unit), years: `${w.firstYear}–${w.year}` });
    case 'empty_site_group':
      return fill(t.emptySiteGroup, { group: groupName(w.siteGroup), codes: w.icd10.join(', ') });
  }
}

// Every word of the printed documents in nb, sv and en (each language a complete map: a missing
// string fails to compile), and number formatting in the document's locale.
import type { Language } from '../config/types.js';
import { en } from './strings/en.js';
import { nb, type Strings } from './strings/nb.js';
import { sv } from './strings/sv.js';

export type { Strings };

export const LOCALES: Record<Language, string> = { nb: 'nb-NO', sv: 'sv-SE', en: 'en-GB' };

export const STRINGS: Record<Language, Strings> = { nb, sv, en };

/** Replaces {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** Thin no-break space: the thousands separator of nb and sv (SI style: 12 345). */
const THIN_SPACE = '\u202f';
/** The true minus sign (U+2212), in every language. */
const MINUS = '\u2212';

/** Formats with Intl, then sets the typography: thin-space thousands in nb and sv, a true minus everywhere. */
function typeset(fmt: Intl.NumberFormat, language: Language, v: number): string {
  return fmt
    .formatToParts(v)
    .map((p) => (p.type === 'group' && language !== 'en' ? THIN_SPACE : p.type === 'minusSign' ? MINUS : p.value))
    .join('');
}

/**
 * Locale-aware number formatting for the report: the one place numbers become text. nb and sv: decimal
 * comma, no-break space before %, thin-space thousands; en: decimal point; a true minus in every language.
 */
export class NumberFormat {
  private readonly pctFmt: Intl.NumberFormat;
  private readonly intFmt: Intl.NumberFormat;
  private readonly pointsFmt: Intl.NumberFormat;
  private readonly decFmt: Intl.NumberFormat;
  private readonly dateFmt: Intl.DateTimeFormat;

  constructor(readonly language: Language) {
    const loc = LOCALES[language];
    this.pctFmt = new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.intFmt = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
    this.pointsFmt = new Intl.NumberFormat(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.decFmt = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
    this.dateFmt = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }

  /** 0.823 → "82,3 %" (nb, sv) or "82.3%" (en). */
  pct(v: number): string {
    return typeset(this.pctFmt, this.language, v);
  }

  /** A target such as 0.8 → "80 %". */
  target(v: number): string {
    return this.pct(v).replace(/[.,]0(?=\D*$)/, '');
  }

  /** A difference in percentage points, unsigned, one decimal: 6 → "6,0" (nb, sv) or "6.0" (en). */
  points(v: number): string {
    return typeset(this.pointsFmt, this.language, Math.abs(v));
  }

  int(v: number): string {
    return typeset(this.intFmt, this.language, v);
  }

  dec(v: number): string {
    return typeset(this.decFmt, this.language, v);
  }

  date(iso: string): string {
    return this.dateFmt.format(new Date(`${iso}T00:00:00Z`));
  }

  /** d3-format locale for Vega axes, so that chart labels read as the text does. */
  d3Locale(): { decimal: string; thousands: string; grouping: number[]; currency: [string, string]; percent: string; minus: string } {
    const parts = new Intl.NumberFormat(LOCALES[this.language], { style: 'percent', minimumFractionDigits: 1 }).formatToParts(0.123);
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const percentIdx = parts.findIndex((p) => p.type === 'percentSign');
    const before = parts[percentIdx - 1];
    const percent = (before?.type === 'literal' ? before.value : '') + '%';
    const group = new Intl.NumberFormat(LOCALES[this.language]).formatToParts(12345).find((p) => p.type === 'group')?.value ?? ',';
    return { decimal, thousands: this.language === 'en' ? group : THIN_SPACE, grouping: [3], currency: ['', ''], percent, minus: MINUS };
  }
}

/** The name of the national cancer registry of `country` (ISO code) in the document's language. */
export function cancerRegistry(s: Strings, country: string): string {
  return s.cancerRegistries[country.toUpperCase()] ?? s.cancerRegistries.other!;
}

/** The label of a code in one of the maps above, or the code itself when it has none (data from outside). */
export function labelOf(map: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(map, code) ? map[code]! : code;
}

const PRINTED_PCT = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });

/** A share as the report prints it, in percent: 0.82345 → 82.3 (the same rounding as NumberFormat.pct). */
export function printedPercent(v: number): number {
  return Number.parseFloat(PRINTED_PCT.format(v));
}

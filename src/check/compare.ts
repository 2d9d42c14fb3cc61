// Baseline metric table vs. a fresh one → what moved, as text, Markdown or JUnit XML.
import { TABLES } from '../load/contract.js';
import { compareMetricRows, type MetricRow, type MetricTable } from '../metrics/metrics.js';

// withheld and achievement change what is published, so a moved flag fails the check like a moved count.
const VALUE_FIELDS = ['numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'target', 'met', 'median_days', 'suppressed', 'withheld', 'achievement'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

export interface RowChange {
  readonly key: string;
  readonly row: MetricRow;
  readonly changes: readonly FieldChange[];
}

export interface Comparison {
  readonly changed: readonly RowChange[];
  readonly added: readonly MetricRow[];
  readonly removed: readonly MetricRow[];
  /** registry, year, as_of and row accounting */
  readonly header: readonly FieldChange[];
  readonly unchanged: number;
  readonly tolerance: number;
}

/** The dimensions that identify a row: metric, form type, site group, interval, year, level, group. */
export function rowKey(r: MetricRow): string {
  const dims = [r.form_type, r.site_group, r.interval].filter((d) => d !== null);
  return `${r.metric}${dims.length ? ` ${dims.join(' ')}` : ''} ${r.year} ${r.level} ${r.group}`;
}

function moved(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > tolerance;
  return a !== b;
}

export function compareTables(baseline: MetricTable, current: MetricTable, tolerance = 0): Comparison {
  const header: FieldChange[] = [];
  for (const f of ['registry', 'year', 'as_of'] as const) {
    if (baseline[f] !== current[f]) header.push({ field: f, old: baseline[f], new: current[f] });
  }
  for (const t of TABLES) {
    for (const k of ['read', 'used', 'rejected', 'out_of_scope'] as const) {
      const a = baseline.tables[t]?.[k];
      const b = current.tables[t]?.[k];
      if (a !== b) header.push({ field: `${t}.${k}`, old: a ?? null, new: b ?? null });
    }
  }
  const old = new Map(baseline.metrics.map((r) => [rowKey(r), r]));
  const changed: RowChange[] = [];
  const added: MetricRow[] = [];
  let unchanged = 0;
  for (const r of current.metrics) {
    const key = rowKey(r);
    const b = old.get(key);
    if (!b) {
      added.push(r);
      continue;
    }
    old.delete(key);
    const changes = VALUE_FIELDS.filter((f: ValueField) => moved(b[f] ?? null, r[f] ?? null, tolerance)).map((f) => ({ field: f, old: b[f] ?? null, new: r[f] ?? null }));
    if (changes.length) changed.push({ key, row: r, changes });
    else unchanged++;
  }
  const removed = [...old.values()].sort(compareMetricRows);
  return { changed, added, removed, header, unchanged, tolerance };
}

export function hasMoved(c: Comparison): boolean {
  return c.changed.length + c.added.length + c.removed.length + c.header.length > 0;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(10)));
  return typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
}

function delta(c: FieldChange): string {
  if (typeof c.old === 'number' && typeof c.new === 'number') {
    const d = c.new - c.old;
    return `${d > 0 ? '+' : ''}${show(d)}`;
  }
  return '';
}

function countsOf(r: MetricRow): string {
  return `${r.numerator}/${r.denominator} = ${show(r.value)}`;
}

export function formatText(c: Comparison): string {
  const out: string[] = [];
  if (!hasMoved(c)) return `no change: ${c.unchanged} metric rows identical to the baseline${c.tolerance ? ` (tolerance ${c.tolerance})` : ''}\n`;
  out.push(`${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed, ${c.unchanged} unchanged${c.tolerance ? ` (tolerance ${c.tolerance})` : ''}`);
  for (const h of c.header) out.push(`  ${h.field}: ${show(h.old)} → ${show(h.new)} ${delta(h)}`.trimEnd());
  for (const r of c.changed) {
    out.push(`~ ${r.key}`);
    for (const f of r.changes) out.push(`    ${f.field}: ${show(f.old)} → ${show(f.new)} ${delta(f)}`.trimEnd());
  }
  for (const r of c.added) out.push(`+ ${rowKey(r)}: ${countsOf(r)}`);
  for (const r of c.removed) out.push(`- ${rowKey(r)}: ${countsOf(r)}`);
  return out.join('\n') + '\n';
}

/**
 * A Markdown table cell: `|` would end the cell and `<…>` would pass as raw HTML (GitHub renders
 * step summaries), so both are escaped, as is `&` that would start an entity; a line break would end
 * the row.
 */
const md = (v: unknown) =>
  show(v).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');

export function formatMarkdown(c: Comparison): string {
  if (!hasMoved(c)) return `### regreport check: no change\n\n${c.unchanged} metric rows identical to the baseline.\n`;
  const out = [
    '### regreport check: metrics moved',
    '',
    `${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed, ${c.unchanged} unchanged${c.tolerance ? ` (tolerance ${c.tolerance})` : ''}.`,
    '',
    '| row | field | baseline | now | change |',
    '|---|---|---:|---:|---:|',
  ];
  for (const h of c.header) out.push(`| (extract) | ${md(h.field)} | ${md(h.old)} | ${md(h.new)} | ${delta(h)} |`);
  for (const r of c.changed) for (const f of r.changes) out.push(`| ${md(r.key)} | ${f.field} | ${md(f.old)} | ${md(f.new)} | ${delta(f)} |`);
  for (const r of c.added) out.push(`| ${md(rowKey(r))} | (added) | — | ${md(countsOf(r))} | |`);
  for (const r of c.removed) out.push(`| ${md(rowKey(r))} | (removed) | ${md(countsOf(r))} | — | |`);
  return out.join('\n') + '\n';
}

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** One test case per metric row (and one for the extract), failing where the row moved. */
export function formatJunit(c: Comparison, current: MetricTable): string {
  const failures = new Map<string, string>();
  for (const r of c.changed) failures.set(r.key, r.changes.map((f) => `${f.field}: ${show(f.old)} → ${show(f.new)}`).join('; '));
  for (const r of c.added) failures.set(rowKey(r), `added: ${countsOf(r)}`);
  const cases: string[] = [];
  const extract = c.header.map((h) => `${h.field}: ${show(h.old)} → ${show(h.new)}`).join('; ');
  cases.push(`  <testcase classname="regreport.extract" name="registry, period and row accounting">${extract ? `<failure message="${xml(extract)}"/>` : ''}</testcase>`);
  for (const r of current.metrics) {
    const key = rowKey(r);
    const f = failures.get(key);
    cases.push(`  <testcase classname="regreport.${r.metric}" name="${xml(key)}">${f ? `<failure message="${xml(f)}"/>` : ''}</testcase>`);
  }
  for (const r of c.removed) cases.push(`  <testcase classname="regreport.${r.metric}" name="${xml(rowKey(r))}"><failure message="${xml(`removed: ${countsOf(r)}`)}"/></testcase>`);
  const failed = failures.size + c.removed.length + (extract ? 1 : 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="regreport check" tests="${cases.length}" failures="${failed}" errors="0">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}

/** The comparison for the --json summary: counts, and every change with its row's key. */
export function comparisonJson(c: Comparison): Record<string, unknown> {
  return {
    moved: hasMoved(c),
    tolerance: c.tolerance,
    unchanged: c.unchanged,
    extract_changes: c.header,
    changed: c.changed.map((r) => ({ row: r.key, changes: r.changes })),
    added: c.added.map(rowKey),
    removed: c.removed.map(rowKey),
  };
}

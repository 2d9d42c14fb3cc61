// A few lines for the terminal: national figures of the report year against their targets.
import type { MetricRow, MetricTable } from './metrics.js';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function line(label: string, r: MetricRow | undefined): string | null {
  if (!r) return null;
  const mark = r.met === null ? '' : r.met ? '  met' : '  NOT met';
  const target = r.target === null ? '' : `  (target ${pct(r.target)})`;
  const median = r.median_days === null ? '' : `, median ${r.median_days} days`;
  return `  ${label.padEnd(34)} ${pct(r.value).padStart(7)}  ${r.numerator}/${r.denominator}${median}${target}${mark}`;
}

export function formatSummary(t: MetricTable): string {
  const national = t.metrics.filter((r) => r.level === 'national');
  const out = [`${t.registry}: report year ${t.year}, cut-off ${t.as_of}`];
  const cov = national.filter((r) => r.metric === 'coverage' && r.year >= t.year - 1);
  if (cov.length) out.push('coverage (national)');
  for (const r of cov) out.push(line(`${r.form_type} ${r.year}`, r)!);
  const cen = national.find((r) => r.metric === 'centralisation' && r.site_group === 'ALL' && r.year === t.year);
  if (cen) out.push('centralisation (national, all site groups)', line(String(cen.year), cen)!);
  const pt = national.filter((r) => r.metric === 'pathway_time' && r.year === t.year);
  if (pt.length) out.push(`pathway-time compliance (national, ${t.year})`);
  for (const r of pt) out.push(line(r.interval ?? '', r)!);
  return out.join('\n');
}

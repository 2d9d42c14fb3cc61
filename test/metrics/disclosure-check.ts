// An independent check of metrics.md §6 for the tests: from published metric rows alone, which withheld
// numerators or denominators can be computed exactly? It builds the additive relations itself (not
// with src/metrics/disclosure.ts) and decides by rank over the rationals: a withheld cell x is
// determined when appending the equation "x = c" does not raise the rank of the relations' system
// restricted to the withheld cells.

export interface CheckRow {
  readonly metric: string;
  readonly form_type: string | null;
  readonly site_group: string | null;
  readonly interval: string | null;
  readonly year: number;
  readonly level: string;
  readonly group: string;
  readonly withheld: boolean;
}

/** Fractions as [numerator, denominator] BigInt pairs, denominator > 0. */
type Q = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) || 1n : gcd(b, a % b));
const q = (n: bigint, d: bigint = 1n): Q => {
  const s = d < 0n ? -1n : 1n;
  const g = gcd(n, d);
  return [(s * n) / g, (s * d) / g];
};
const minus = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const times = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const over = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0]);

/** Rank of a matrix of small integers, by fraction-exact Gaussian elimination. */
export function rank(matrix: readonly (readonly number[])[]): number {
  const m = matrix.map((r) => r.map((v) => q(BigInt(v))));
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]![0] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = over(m[i]![c]!, m[r]![c]!);
      if (f[0] === 0n) continue;
      m[i] = m[i]!.map((v, j) => minus(v, times(f, m[r]![j]!)));
    }
    r++;
  }
  return r;
}

/** The relations of one family as lists of [cell key, coefficient]. */
function relations(rows: readonly CheckRow[], unitRegion: ReadonlyMap<string, string>): [string, number][][] {
  const key = (r: Pick<CheckRow, 'site_group' | 'level' | 'group'>) => `${r.site_group ?? '-'}|${r.level}|${r.group}`;
  const have = new Set(rows.map(key));
  const out: [string, number][][] = [];
  const add = (total: string, parts: string[]) => {
    const p = parts.filter((k) => have.has(k));
    if (have.has(total) && p.length) out.push([[total, 1], ...p.map((k): [string, number] => [k, -1])]);
  };
  const regions = [...new Set(rows.filter((r) => r.level === 'region').map((r) => r.group))];
  const sgs = [...new Set(rows.map((r) => r.site_group))];
  for (const sg of sgs) {
    const k = (level: string, group: string) => key({ site_group: sg, level, group });
    add(k('national', 'ALL'), regions.map((g) => k('region', g)));
    for (const region of regions) {
      const units = rows.filter((r) => r.site_group === sg && r.level === 'unit' && unitRegion.get(r.group) === region);
      add(k('region', region), units.map((u) => key(u)));
    }
  }
  if (rows.some((r) => r.metric === 'centralisation')) {
    const parts = sgs.filter((sg) => sg !== 'ALL');
    for (const [level, group] of [['national', 'ALL'], ...regions.map((g) => ['region', g])] as const) {
      add(key({ site_group: 'ALL', level, group }), parts.map((sg) => key({ site_group: sg, level, group })));
    }
  }
  return out;
}

/** Every withheld row whose numbers follow exactly from the published rows; [] when the table is safe. */
export function recoverableCells(rows: readonly CheckRow[], unitRegion: ReadonlyMap<string, string>): string[] {
  const families = new Map<string, CheckRow[]>();
  for (const r of rows) {
    const f = [r.metric, r.form_type, r.metric === 'centralisation' ? '' : r.site_group, r.interval, r.year].join('|');
    families.set(f, [...(families.get(f) ?? []), r]);
  }
  const found: string[] = [];
  for (const [family, members] of families) {
    const hidden = members.filter((r) => r.withheld).map((r) => `${r.site_group ?? '-'}|${r.level}|${r.group}`);
    if (hidden.length === 0) continue;
    const col = new Map(hidden.map((k, j) => [k, j]));
    const matrix = relations(members, unitRegion)
      .map((rel) => {
        const row = new Array<number>(hidden.length).fill(0);
        for (const [k, c] of rel) if (col.has(k)) row[col.get(k)!]! += c;
        return row;
      })
      .filter((row) => row.some((v) => v !== 0));
    const base = rank(matrix);
    hidden.forEach((k, j) => {
      const e = hidden.map((_, i) => (i === j ? 1 : 0));
      if (rank([...matrix, e]) === base) found.push(`${family} ${k}`);
    });
  }
  return found;
}

// Metric rows with primary suppression → `withheld` (metrics.md §6): which rows the published output
// must not show so that no hidden count can be worked out from the shown ones.
//
// The published numbers are tied by additive relations (a total equals the sum of its parts), the
// same for numerators and denominators, within one family of rows:
//   coverage, pathway_time (one family per form type or interval, and year):
//       each region = the sum of its units; national = the sum of the regions;
//   centralisation (one family per year, a two-way table):
//       for each site group and ALL: national = the sum of the regions;
//       for national and each region: ALL = the sum of the site groups.
// A group with nothing to count has no row: it is a published zero, not an unknown.
//
// Algorithm, per family:
//   1. withheld = the primarily suppressed rows (denominator < min_cell);
//   2. pair rule: while some relation has exactly one withheld cell, also withhold the other cell of
//      that relation with the smallest denominator (ties: the one that sorts first); national rows are
//      chosen only when a relation has no other cell left (see `pick`);
//   3. exact check: with the withheld cells as unknowns, solve the relations over the rationals; a
//      withheld cell whose value follows (its unit vector lies in the row space) is still disclosed;
//      then withhold the smallest other published cell of a relation it belongs to, and go back to 2.
// Step 3 is what makes the result safe in every pattern (a chain of relations can pin a cell even when
// each relation has two unknowns); steps 1–2 are the rule registries apply and usually suffice.
import { compareMetricRows, type MetricRow } from './table.js';
import { pooledRegion } from './published.js';
import { determinedColumns } from './rational.js';

/** A relation's cells, as indices into the family's rows: total = sum of parts. */
export interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
}

const cellsOf = (rel: Relation): number[] => [rel.total, ...rel.parts];

/** What withheld rows must be found for: the rows, and each unit's region. */
export interface DisclosureInput {
  readonly rows: readonly MetricRow[];
  readonly unitRegion: ReadonlyMap<string, string>;
}

/** The family a row belongs to: rows of one family are tied by the relations above. */
export function familyKey(r: Pick<MetricRow, 'metric' | 'form_type' | 'site_group' | 'interval' | 'year'>): string {
  // Centralisation's site groups are one two-way table; the other metrics' families are one-way.
  return [r.metric, r.form_type ?? '', r.metric === 'centralisation' ? '' : (r.site_group ?? ''), r.interval ?? '', r.year].join('\u0000');
}

/** The additive relations among the rows of one family (indices into `rows`). */
export function relationsOf(rows: readonly MetricRow[], unitRegion: ReadonlyMap<string, string>): Relation[] {
  const index = new Map<string, number>();
  rows.forEach((r, i) => index.set(`${r.site_group ?? ''}\u0000${r.level}\u0000${r.group}`, i));
  const at = (sg: string | null, level: string, group: string) => index.get(`${sg ?? ''}\u0000${level}\u0000${group}`);
  const relations: Relation[] = [];
  const push = (total: number | undefined, parts: (number | undefined)[]) => {
    const p = parts.filter((x): x is number => x !== undefined);
    if (total !== undefined && p.length > 0) relations.push({ total, parts: p });
  };
  const regions = [...new Set(rows.filter((r) => r.level === 'region').map((r) => r.group))].sort();
  const siteGroups = [...new Set(rows.map((r) => r.site_group))];
  for (const sg of siteGroups) {
    push(at(sg, 'national', 'ALL'), regions.map((g) => at(sg, 'region', g)));
    for (const region of regions) {
      const units = rows.filter((r) => r.site_group === sg && r.level === 'unit' && unitRegion.get(r.group) === region);
      push(at(sg, 'region', region), units.map((u) => at(sg, 'unit', u.group)));
    }
  }
  if (rows[0]?.metric === 'centralisation') {
    const parts = siteGroups.filter((sg) => sg !== 'ALL');
    for (const [level, group] of [['national', 'ALL'], ...regions.map((g) => ['region', g])] as const) {
      push(at('ALL', level, group), parts.map((sg) => at(sg, level, group)));
    }
  }
  return relations;
}

/**
 * The cells of one family to withhold, given the primarily suppressed ones. `rows` must be in the
 * metric table's order (it breaks ties); returns a flag per row.
 */
export function withholdFamily(rows: readonly Pick<MetricRow, 'level' | 'denominator'>[], relations: readonly Relation[], suppressed: readonly boolean[]): boolean[] {
  const withheld = [...suppressed];
  // Smallest denominator first, then table order. National rows only as a last resort: in the
  // two-way centralisation table a small national site group sits in a relation of national rows
  // alone (national ALL = the national site groups), and there the safety property comes first.
  const smallest = (cells: readonly number[]) => [...cells].sort((a, b) => rows[a]!.denominator - rows[b]!.denominator || a - b)[0];
  const pick = (cells: readonly number[]): number | undefined => {
    const open = cells.filter((c) => !withheld[c]);
    return smallest(open.filter((c) => rows[c]!.level !== 'national')) ?? smallest(open);
  };
  for (;;) {
    // 2. The pair rule, until every relation has zero or at least two withheld cells.
    for (let changed = true; changed; ) {
      changed = false;
      for (const rel of relations) {
        const cells = cellsOf(rel);
        if (cells.filter((c) => withheld[c]).length !== 1) continue;
        const c = pick(cells);
        if (c !== undefined) {
          withheld[c] = true;
          changed = true;
        }
      }
    }
    // 3. The exact check.
    const disclosed = disclosedCells(relations, withheld);
    if (disclosed.length === 0) return withheld;
    let fixed = false;
    for (const d of disclosed) {
      // A disclosed cell is pinned by a combination of relations linked through withheld cells;
      // hiding one more published cell of any of them adds an unknown to that combination.
      const c = pick(linkedRelations(relations, withheld, d).flatMap(cellsOf));
      if (c !== undefined) {
        withheld[c] = true;
        fixed = true;
        break;
      }
    }
    // Every cell of every linked relation is withheld already, so nothing published pins the cell;
    // this cannot happen, and should it, no table may be printed.
    if (!fixed) throw new Error('complementary suppression found no cell to withhold; the published tables would disclose a small group');
  }
}

/** The relations reachable from `cell` through withheld cells shared between relations. */
function linkedRelations(relations: readonly Relation[], withheld: readonly boolean[], cell: number): Relation[] {
  const seenCells = new Set([cell]);
  const reached = new Set<Relation>();
  for (let frontier = [cell]; frontier.length > 0; ) {
    const next: number[] = [];
    for (const rel of relations) {
      if (reached.has(rel) || !cellsOf(rel).some((c) => frontier.includes(c))) continue;
      reached.add(rel);
      for (const c of cellsOf(rel)) {
        if (withheld[c] && !seenCells.has(c)) {
          seenCells.add(c);
          next.push(c);
        }
      }
    }
    frontier = next;
  }
  return [...reached];
}

/** The withheld cells whose value follows exactly from the published cells and the relations. */
export function disclosedCells(relations: readonly Relation[], withheld: readonly boolean[]): number[] {
  const unknown = withheld.flatMap((w, i) => (w ? [i] : []));
  if (unknown.length === 0) return [];
  const column = new Map(unknown.map((c, j) => [c, j]));
  const matrix: number[][] = [];
  for (const rel of relations) {
    const row = new Array<number>(unknown.length).fill(0);
    let any = false;
    const add = (cell: number, coef: number) => {
      const j = column.get(cell);
      if (j !== undefined) {
        row[j]! += coef;
        any = true;
      }
    };
    add(rel.total, 1);
    for (const p of rel.parts) add(p, -1);
    if (any) matrix.push(row);
  }
  return [...determinedColumns(matrix, unknown.length)].map((j) => unknown[j]!).sort((a, b) => a - b);
}

/** `withheld` for every row of the metric table; `rows` in the table's order (metrics.md §4). */
export function withheldFlags(input: DisclosureInput): boolean[] {
  const families = new Map<string, number[]>();
  input.rows.forEach((r, i) => {
    if (i > 0 && compareMetricRows(input.rows[i - 1]!, r) > 0) throw new Error('withheldFlags: rows out of order');
    const k = familyKey(r);
    const list = families.get(k);
    if (list) list.push(i);
    else families.set(k, [i]);
  });
  const out = input.rows.map((r) => r.suppressed);
  for (const members of families.values()) {
    const rows = members.map((i) => input.rows[i]!);
    const flags = withholdFamily(rows, relationsOf(rows, input.unitRegion), rows.map((r) => r.suppressed));
    flags.forEach((w, k) => {
      out[members[k]!] = w;
    });
  }
  return out;
}

/** Identifies a row across the in-house and the published row sets. */
function rowKey(r: MetricRow): string {
  return [familyKey(r), r.site_group ?? '', r.level, r.group].join('\u0000');
}

/**
 * The one place where `withheld` is decided. Without pooling the published rows are the metric rows.
 * With pooling (`pooled` given: one row per family and region holding its small units together), the
 * published rows are the metric rows less the small units, plus the pooled rows; the relations then
 * run over those, and a small unit is withheld in the in-house table since it is never shown alone.
 */
export function disclose(rows: readonly MetricRow[], unitRegion: ReadonlyMap<string, string>, pooled: readonly MetricRow[] | null): { inHouse: MetricRow[]; published: MetricRow[] } {
  const candidates = pooled ? [...rows.filter((r) => !(r.level === 'unit' && r.suppressed)), ...pooled].sort(compareMetricRows) : rows;
  const regionOf = new Map(unitRegion);
  for (const p of pooled ?? []) regionOf.set(p.group, pooledRegion(p.group)!);
  const flags = withheldFlags({ rows: candidates, unitRegion: regionOf });
  const published = candidates.map((r, i) => ({ ...r, withheld: flags[i]! }));
  if (!pooled) return { inHouse: published, published };
  const shown = new Map(published.map((r) => [rowKey(r), r.withheld]));
  const inHouse = rows.map((r) => ({ ...r, withheld: shown.get(rowKey(r)) ?? true }));
  return { inHouse, published };
}

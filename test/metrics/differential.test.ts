// The SQL metric table against the plain-TypeScript oracle, on generated extracts with many seeds,
// both profiles (Latin-1 + ';' + DD.MM.YYYY, and UTF-8 + ',' + ISO), and several cut-offs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../src/load/loader.js';
import { computeMetrics, resolvePeriod } from '../../src/metrics/metrics.js';
import { generateSample } from '../../src/sample/generator.js';
import { tempDir } from '../helpers.js';
import { oracle } from './oracle.js';

const RUNS: { profile: 'no' | 'se'; seed: number; year?: number; asOf?: string }[] = [
  { profile: 'no', seed: 11 },
  { profile: 'se', seed: 12 },
  { profile: 'no', seed: 13, year: 2023, asOf: '2024-02-29' },
  { profile: 'se', seed: 14, asOf: '2024-12-31' },
  { profile: 'no', seed: 15, year: 2022 },
  { profile: 'se', seed: 16, year: 2024, asOf: '2024-06-30' },
];

describe('SQL vs. an independent TypeScript computation', () => {
  for (const r of RUNS) {
    it(`${r.profile} seed ${r.seed}${r.year ? ` year ${r.year}` : ''}${r.asOf ? ` as of ${r.asOf}` : ''}`, async () => {
      const dir = join(tempDir(), 'x');
      await generateSample({ profile: r.profile, seed: r.seed, scale: 0.15, out: dir });
      const x = await loadExtract(dir);
      try {
        const period = await resolvePeriod(x, { year: r.year, asOf: r.asOf });
        const table = await computeMetrics(x, period);
        const expected = oracle(dir, x.config, period.year, period.asOf);
        const got = new Map(
          table.metrics.map((m) => [[m.metric, m.form_type ?? m.site_group ?? m.interval, m.year, m.level, m.group].join(' '), m]),
        );
        expect([...got.keys()].sort()).toEqual([...expected.rows.keys()].sort());
        for (const [key, e] of expected.rows) {
          const g = got.get(key)!;
          expect({ key, n: g.numerator, d: g.denominator, m: g.median_days }).toEqual({ key, n: e.numerator, d: e.denominator, m: e.median_days });
          expect(g.value).toBe(e.numerator / e.denominator);
        }
        for (const t of ['units', 'cases', 'forms', 'pathway_events'] as const) {
          expect(x.accounting[t]!.rejected, t).toBe(expected.rejected[t] ?? 0);
        }
        expect(table.metrics.length).toBeGreaterThan(100);
      } finally {
        x.db.close();
      }
    });
  }
});

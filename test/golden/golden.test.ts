// Golden metric tables of both sample registries: any change to a published number shows up here.
// To accept a deliberate change: bash scripts/update-golden.sh, and review the diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, withoutProgress } from '../helpers.js';

for (const sample of ['no-sarcoma', 'se-sarcoma']) {
  describe(`golden metrics: ${sample}`, () => {
    it('metrics.json, metrics.csv, data-quality.csv and metrics-published.csv are byte-identical to the committed ones', async () => {
      const out = join(tempDir(), 'm');
      const r = await cli('metrics', '--data', `sample-data/${sample}`, '--out', out);
      expect(r.code, r.err).toBe(0);
      for (const f of ['internal/metrics.json', 'internal/metrics.csv', 'internal/data-quality.csv', 'metrics-published.csv']) {
        expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(`test/golden/${sample}/${f.replace('internal/', '')}`, 'utf8'));
      }
    });

    it('regreport check against the committed baseline passes', async () => {
      const r = await cli('check', '--data', `sample-data/${sample}`, '--baseline', `test/golden/${sample}/metrics.json`);
      // stdout is the comparison (Markdown or JUnit in CI); the load summary goes to stderr (after
      // the progress log of the load's steps).
      expect(withoutProgress(r.err)).toMatch(/^.*: units\.csv \(.*\nrows read, used and rejected\n/);
      expect(r.err).not.toMatch(/warning/);
      expect(r.out).toMatch(/^no change: \d+ metric rows identical to the baseline/);
      expect(r.code).toBe(0);
    });
  });
}

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The repeat-run cache of every run the tests make goes into one private folder of this test run,
// never beside the sample extracts or into a user's cache (global-setup.ts removes it at the end).
process.env.REGREPORT_CACHE_DIR = join(tmpdir(), `regreport-test-cache-${process.pid}`);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

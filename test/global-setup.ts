// Tests that start the CLI as its own process (kill tests) run the compiled dist/; compile it first
// when any source file is newer, so they never test stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): () => void {
  const built = 'dist/cli/main.js';
  if (!existsSync(built) || newest('src') > statSync(built).mtimeMs) {
    execFileSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  }
  // The test run's cache folder (vitest.config.ts) holds copies of the fixtures' rows.
  return () => {
    const cache = process.env.REGREPORT_CACHE_DIR;
    if (cache?.includes('regreport-test-cache-')) rmSync(cache, { recursive: true, force: true });
  };
}

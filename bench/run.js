// The benchmark: each command against its floor in the same run, alternating, medians of several runs,
// whole-process wall time and peak memory from /usr/bin/time; writes bench/RESULTS.md and
// bench/scaling.svg. Extracts are generated once (regreport sample) into bench/out/ and reused.
//
//   npm run bench -- [--scales 1,30,100] [--build-scales 1,30] [--runs 3]
//
// Floors: bench/floor-load.js (DuckDB reading the CSV files, nothing else) for validate and metrics;
// bench/floor-print.js (printing the finished HTML with the same browser) for build.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as vega from 'vega';
import { compile } from 'vega-lite';

const { values } = parseArgs({
  options: { scales: { type: 'string', default: '1,30,100' }, 'build-scales': { type: 'string', default: '1,30' }, runs: { type: 'string', default: '3' } },
});
const scales = values.scales.split(',').map(Number);
const buildScales = values['build-scales'].split(',').map(Number);
const runs = Number(values.runs);
if (![...scales, ...buildScales].every((s) => s > 0) || !(runs >= 1)) {
  process.stderr.write('usage: npm run bench -- [--scales 1,30,100] [--build-scales 1,30] [--runs 3]\n');
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('bench: /usr/bin/time is needed for peak memory: apt-get install time\n');
  process.exit(2);
}
if (!existsSync('dist/cli/main.js')) execFileSync('bash', ['scripts/setup.sh'], { stdio: 'inherit' });

const OUT = 'bench/out';
mkdirSync(OUT, { recursive: true });
const regreport = (...args) => ['node', 'bin/regreport.js', ...args];

/** One whole-process run: wall seconds, CPU seconds (user + system, all threads) and peak resident memory in MiB. */
function timed(cmd) {
  const timeFile = join(OUT, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%e %M %U %S', ...cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed:\n${r.stderr}`);
  const [wall, kib, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, mib: kib / 1024, cpu: user + sys };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A and its floor B in turn, after one warm-up each; the ratio is the median of the pairwise ratios. */
function pair(a, b) {
  timed(a);
  timed(b);
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(timed(a));
    bs.push(timed(b));
  }
  return {
    wall: median(as.map((x) => x.wall)),
    mib: median(as.map((x) => x.mib)),
    cpu: median(as.map((x) => x.cpu)),
    floor: median(bs.map((x) => x.wall)),
    floorCpu: median(bs.map((x) => x.cpu)),
    floorMib: median(bs.map((x) => x.mib)),
    ratio: median(as.map((x, i) => x.wall / bs[i].wall)),
    cpuRatio: median(as.map((x, i) => x.cpu / bs[i].cpu)),
  };
}

function extract(scale) {
  const dir = join(OUT, `no-scale-${scale}`);
  if (!existsSync(join(dir, 'registry.yaml'))) {
    process.stderr.write(`bench: generating ${dir}\n`);
    const [cmd, ...args] = regreport('sample', '--profile', 'no', '--seed', '1', '--scale', String(scale), '--out', dir);
    execFileSync(cmd, args);
  }
  const files = readdirSync(dir).filter((f) => /\.csv(\.gz)?$/.test(f));
  const bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const lines = (f) => readFileSync(join(dir, f)).reduce((n, c) => n + (c === 10 ? 1 : 0), 0) - 1;
  return { dir, mb: bytes / 1e6, cases: lines('cases.csv'), forms: lines('forms.csv'), events: existsSync(join(dir, 'pathway_events.csv')) ? lines('pathway_events.csv') : 0 };
}

// The benchmark's own cache folder: its entries are written by the warm-up of the repeat-run pair.
const cacheDir = join(OUT, 'cache');
rmSync(cacheDir, { recursive: true, force: true });
mkdirSync(cacheDir, { mode: 0o700 });
const missDir = join(OUT, 'cache-miss');
rmSync(missDir, { recursive: true, force: true });
mkdirSync(missDir, { mode: 0o700 });

const results = [];
for (const scale of scales) {
  const x = extract(scale);
  const floor = ['node', 'bench/floor-load.js', x.dir];
  const out = join(OUT, `metrics-${scale}`);
  // First runs without the repeat-run cache (each would otherwise find the entry the warm-up wrote);
  // the repeat runs find the entry and what was derived from it for the period, as every run after
  // the first in report week does.
  for (const [command, cmd] of [
    ['validate', regreport('validate', '--data', x.dir, '--no-cache')],
    ['validate, repeat run', regreport('validate', '--data', x.dir, '--cache-dir', cacheDir)],
    ['metrics', regreport('metrics', '--data', x.dir, '--out', out, '--no-cache')],
    ['metrics, repeat run', regreport('metrics', '--data', x.dir, '--out', out, '--cache-dir', cacheDir)],
    // What the first run of report week pays for the later ones: loading and writing the entry.
    ['metrics, writing the cache', ['sh', '-c', `rm -f ${missDir}/* && exec "$@"`, 'sh', ...regreport('metrics', '--data', x.dir, '--out', out, '--cache-dir', missDir)]],
  ]) {
    process.stderr.write(`bench: ${command} at scale ${scale}\n`);
    results.push({ scale, ...x, command, floorName: 'load', ...pair(cmd, floor) });
  }
}

// build against printing alone: the Norwegian sample (national, regional and unit reports) and, with
// --build-scales, larger extracts; the floor prints the HTML files that build wrote.
for (const scale of buildScales) {
  const x = scale === 1 ? { dir: 'sample-data/no-sarcoma' } : extract(scale);
  process.stderr.write(`bench: build at scale ${scale}\n`);
  const out = join(OUT, `build-${scale}`);
  rmSync(out, { recursive: true, force: true });
  timed(regreport('build', '--data', x.dir, '--out', out, '--no-cache'));
  const html = join(OUT, `print-html-${scale}`);
  rmSync(html, { recursive: true, force: true });
  mkdirSync(html);
  for (const f of readdirSync(out).filter((f) => f.endsWith('.html'))) writeFileSync(join(html, f), readFileSync(join(out, f)));
  const files = readdirSync(x.dir).filter((f) => f.endsWith('.csv'));
  const mb = files.reduce((n, f) => n + statSync(join(x.dir, f)).size, 0) / 1e6;
  const reports = readdirSync(html).length;
  const printFloor = ['node', 'bench/floor-print.js', html, join(OUT, `print-pdf-${scale}`)];
  results.push({ scale, mb, reports, command: 'build', floorName: 'print', ...pair(regreport('build', '--data', x.dir, '--out', out, '--no-cache'), printFloor) });
  const cached = regreport('build', '--data', x.dir, '--out', out, '--cache-dir', cacheDir);
  results.push({ scale, mb, reports, command: 'build, repeat run', floorName: 'print', ...pair(cached, printFloor) });
}

// Where the time goes, measured rather than estimated: metrics at the largest scale with REGREPORT_TRACE=1
// (each SQL statement's wall and process CPU time), build at the sample with --json (its stage times and
// how many prints the tables of contents took); medians of the runs.
const STEPS = [
  [/^(CREATE OR REPLACE TABLE (ld|raw)_|SELECT count\(\*\) AS (records|n) FROM|CREATE VIEW src_|SELECT line, \w+ AS value FROM src_)/, 'reading, typing and checking every row (one statement per file; the SHA-256 and byte scan run beside it)'],
  [/^UPDATE ld_\w+ SET .*WITH repeated/, 'duplicate ids (a pass over the repeated ids)'],
  [/^UPDATE ld_/, 'unknown cases (an anti-join of the forms against the valid cases)'],
  [/^CREATE TABLE cohort/, 'cohort (site group per case)'],
  [/pathway_milestones|unit_ranks/, 'pathway milestones'],
  [/pathway_intervals|negative_interval/, 'pathway intervals (negative ones into data quality)'],
  [/^WITH denominator/, 'coverage'],
  [/^WITH unit_centres/, 'centralisation'],
  [/^WITH measured/, 'pathway time'],
  [/^COPY /, 'writing the metric files (Parquet)'],
];
const OTHER_SQL = 'configuration tables, row accounting, data-quality rows, plausibility checks';

function metricsBreakdown(dir) {
  const runsCpu = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', ...regreport('metrics', '--data', dir, '--out', join(OUT, 'breakdown'), '--no-cache', '--quiet')], {
      env: { ...process.env, REGREPORT_TRACE: '1' }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20,
    });
    if (r.status !== 0) throw new Error(`traced metrics failed:\n${r.stderr}`);
    const cpu = new Map();
    let total = 0;
    let wall = 0;
    for (const line of r.stderr.split('\n')) {
      const m = /^\[trace\]\s+\d+ ms\s+(\d+) ms cpu {2}(.*)$/.exec(line);
      if (m) {
        const step = STEPS.find(([re]) => re.test(m[2]))?.[1] ?? OTHER_SQL;
        cpu.set(step, (cpu.get(step) ?? 0) + Number(m[1]) / 1000);
      }
      const t = /^TIME (\S+) (\S+) (\S+)$/.exec(line);
      if (t) [wall, total] = [Number(t[1]), Number(t[2]) + Number(t[3])];
    }
    runsCpu.push({ cpu, total, wall });
  }
  const steps = [...STEPS.map(([, name]) => name), OTHER_SQL].map((name) => ({ name, cpu: median(runsCpu.map((r) => r.cpu.get(name) ?? 0)) }));
  const inSql = median(runsCpu.map((r) => [...r.cpu.values()].reduce((a, b) => a + b, 0)));
  return { steps, inSql, total: median(runsCpu.map((r) => r.total)), wall: median(runsCpu.map((r) => r.wall)) };
}

function buildBreakdown(dir) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const out = join(OUT, 'breakdown-build');
    const r = spawnSync('node', ['bin/regreport.js', 'build', '--data', dir, '--out', out, '--no-cache', '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`build --json failed:\n${r.stderr}`);
    all.push(JSON.parse(r.stdout));
  }
  const stage = (name) => median(all.map((j) => j.timings.stages[name] ?? 0));
  return {
    total: median(all.map((j) => j.timings.total_seconds)),
    stages: { start: stage('start'), data: stage('read') + stage('check') + stage('metrics'), reports: stage('reports'), files: stage('files') },
    reports: all[0].result.reports,
    prints: all[0].result.prints,
  };
}

// At national scale (scale 300: about a million cases), the issue's yardstick, when it was measured.
const largest = scales.includes(300) ? 300 : Math.max(...scales);
process.stderr.write(`bench: where the time goes (metrics at scale ${largest}, build at the sample)\n`);
const mb = metricsBreakdown(extract(largest).dir);
const bb = buildBreakdown('sample-data/no-sarcoma');
const printFloor = results.find((r) => r.command === 'build' && r.scale === 1)?.floor;

// The report: machine, versions, the table and the scaling chart.
const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'not found';
  }
};
const pkg = (name) => JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')).version;
const chromium = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find(existsSync);
const fmt = (n, d = 2) => n.toFixed(d);
const rows = results.map(
  (r) =>
    `| ${r.command} | ${r.scale} | ${fmt(r.mb, 1)} MB${r.reports ? `; ${r.reports} reports` : ''}${r.cases ? `; ${r.cases.toLocaleString('en')} cases, ${r.forms.toLocaleString('en')} forms, ${r.events.toLocaleString('en')} events` : ''} | ${fmt(r.wall)} s | ${fmt(r.cpu)} s | ${Math.round(r.mib)} MiB | ${r.floorName} ${fmt(r.floor)} s, CPU ${fmt(r.floorCpu)} s, ${Math.round(r.floorMib)} MiB | **${fmt(r.ratio)}** | ${fmt(r.cpuRatio)} |`,
);
const md = `# Benchmark results

Made by \`npm run bench -- --scales ${scales.join(',')} --build-scales ${buildScales.join(',')} --runs ${runs}\` on ${new Date().toISOString().slice(0, 10)}.
Whole-process wall time, CPU time (user + system, all threads) and peak resident memory
(\`/usr/bin/time\`), median of ${runs} runs after a warm-up; each command alternates with its floor in
the same run, and each ratio is the median of the pairwise ratios, so it holds when the machine's
speed drifts. On a shared machine the CPU ratio is the steadier of the two.

- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB
- Node ${process.version}, @duckdb/node-api ${pkg('@duckdb/node-api')}, vega-lite ${pkg('vega-lite')}, puppeteer-core ${pkg('puppeteer-core')}
- Chromium: ${chromium ? version(chromium, ['--version']) : 'not found'}
- extracts: \`regreport sample --profile no --seed 1 --scale N\` (Windows-1252, \`;\`, DD.MM.YYYY)

Floors: **load** = \`bench/floor-load.js\`, DuckDB reading every CSV file of the extract into a table of
text with the registry's dialect, nothing else; **print** = \`bench/floor-print.js\`, the same browser
and print settings turning the HTML files that build wrote into PDF, two at a time, nothing else (no
qpdf compaction, no quick print for the table of contents' page numbers). \`validate\`, \`metrics\` and
\`build\` run with \`--no-cache\` (a first run); a **repeat run** finds the validated extract and what was
derived from it for the period (the metric table, the negative intervals, the warnings) in the
repeat-run cache written by its warm-up run (docs/cache.md), as every run after the first does;
**metrics, writing the cache** is a first run that writes that entry.

| command | scale | extract | wall | CPU | peak memory | floor | wall ratio | CPU ratio |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

![wall time and peak memory against extract size](scaling.svg)

## Where the time goes

\`metrics --no-cache\` at scale ${largest} with \`REGREPORT_TRACE=1\`, median of ${runs} runs: whole process
${fmt(mb.wall)} s wall, ${fmt(mb.total)} s CPU. Each SQL statement is timed with the CPU time of the whole
process while it runs (all threads, so work beside a statement, such as hashing the files, counts with
it); "outside the SQL statements" is what is left: starting Node, loading DuckDB, the metric table in
JavaScript, writing the files.

| step | CPU s |
|---|---|
${mb.steps.filter((x) => x.cpu >= 0.005).map((x) => `| ${x.name} | ${fmt(x.cpu)} |`).join('\n')}
| outside the SQL statements | ${fmt(Math.max(0, mb.total - mb.inSql))} |

\`build --no-cache --json\` at the sample (${bb.reports} reports), median of ${runs} runs: whole run
${fmt(bb.total)} s; start (Node, the program's modules, opening DuckDB, starting the browser) ${fmt(bb.stages.start)} s;
reading, checking and the metrics ${fmt(bb.stages.data)} s; charts, HTML and printing ${fmt(bb.stages.reports)} s
(${bb.prints.printed} full prints and ${bb.prints.measured} quick ones for the tables of contents' page numbers);
the metric files ${fmt(bb.stages.files)} s.${printFloor === undefined ? '' : ` The print floor, the browser printing the finished HTML files: ${fmt(printFloor)} s.`}
`;
writeFileSync('bench/RESULTS.md', md);

// Time and peak memory against the extract's size, one line per command, beside the load floor.
const points = results
  .filter((r) => !r.command.startsWith('build'))
  .flatMap((r) => [
    { mb: r.mb, seconds: r.wall, mib: r.mib, series: r.command },
    ...(r.command === 'validate' ? [{ mb: r.mb, seconds: r.floor, mib: r.floorMib, series: 'load floor' }] : []),
  ]);
const panel = (field, title) => ({
  width: 340,
  height: 220,
  mark: { type: 'line', point: true },
  encoding: {
    x: { field: 'mb', type: 'quantitative', title: 'extract size (MB of CSV)' },
    y: { field, type: 'quantitative', title },
    color: { field: 'series', type: 'nominal', title: null },
    strokeDash: { field: 'series', type: 'nominal', title: null },
  },
});
const spec = compile({
  data: { values: points },
  hconcat: [panel('seconds', 'wall time (s, median)'), panel('mib', 'peak memory (MiB, median)')],
  config: { font: 'DejaVu Sans', background: 'white', legend: { labelLimit: 0, orient: 'bottom', columns: 3, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 } },
}).spec;
const view = new vega.View(vega.parse(spec), { renderer: 'none' });
writeFileSync('bench/scaling.svg', await view.toSVG());
view.finalize();
process.stdout.write(md);

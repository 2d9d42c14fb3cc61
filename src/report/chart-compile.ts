// Vega-Lite compilation once per chart shape. A build draws the same few kinds of chart for every
// report with only the data changed, and compiling Vega-Lite costs more than drawing the chart: so the
// inline data is lifted out into named data sets, the rest of the spec is compiled and parsed once, and
// each chart is drawn from that with its own data. The SVG is the same as from compiling each chart
// whole (test/report/chart-compile.test.ts).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface CompiledChart {
  /** the parsed Vega dataflow, shared by every chart of the same shape */
  readonly runtime: vega.Runtime;
  /** the lifted data: data set name → rows */
  readonly data: ReadonlyMap<string, readonly unknown[]>;
}

const LIFTED = 'regreport_inline_';
const cache = new Map<string, vega.Runtime>();

/**
 * Replaces every `data: { values: [...] }` in the spec by `data: { name }`; the values go to `data`.
 * Only arrays are lifted: a `values` that is a string (CSV text) stays in the spec.
 */
function lift(node: unknown, data: Map<string, readonly unknown[]>): unknown {
  if (Array.isArray(node)) return node.map((x) => lift(x, data));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'data' && v !== null && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values) && Object.keys(v as object).length === 1) {
      const name = `${LIFTED}${data.size}`;
      data.set(name, (v as { values: unknown[] }).values);
      out[k] = { name };
    } else {
      out[k] = lift(v, data);
    }
  }
  return out;
}

export function compileChart(spec: TopLevelSpec): CompiledChart {
  const data = new Map<string, readonly unknown[]>();
  const shape = lift(spec, data) as TopLevelSpec;
  const key = JSON.stringify(shape);
  let runtime = cache.get(key);
  if (!runtime) {
    runtime = vega.parse(compile(shape).spec);
    cache.set(key, runtime);
  }
  return { runtime, data };
}

/** A Vega view of the chart with its data in place, ready to render. */
export function chartView(chart: CompiledChart, options: Record<string, unknown>): vega.View {
  const view = new vega.View(chart.runtime, options);
  for (const [name, rows] of chart.data) view.data(name, rows);
  return view;
}

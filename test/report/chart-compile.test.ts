// Charts compiled once per shape draw exactly what compiling each chart whole draws.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartView, compileChart } from '../../src/report/chart-compile.js';
import { NumberFormat } from '../../src/print/i18n.js';

const locale = { number: new NumberFormat('nb').d3Locale() };

async function whole(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(structuredClone(spec)).spec), { renderer: 'none', locale } as never);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function cached(spec: TopLevelSpec): Promise<string> {
  const view = chartView(compileChart(structuredClone(spec)), { renderer: 'none', locale });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A trend chart as the report draws them: lines per series with a dash channel, a target rule, bands. */
function trend(points: { series: string; year: number; value: number }[], target: number): TopLevelSpec {
  return {
    width: 300,
    height: 160,
    layer: [
      { data: { values: [{ y0: 0.9, y1: 1, level: 'high' }] }, mark: { type: 'rect', opacity: 0.2 }, encoding: { y: { field: 'y0', type: 'quantitative' }, y2: { field: 'y1' }, color: { field: 'level', type: 'nominal', legend: null } } },
      {
        data: { values: points },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'year', type: 'quantitative', axis: { format: 'd' } },
          y: { field: 'value', type: 'quantitative', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: { field: 'series', type: 'nominal' },
          strokeDash: { field: 'series', type: 'nominal' },
        },
      },
      { data: { values: [{ t: target }] }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { y: { field: 't', type: 'quantitative' } } },
      { data: { values: [{ t: target, label: 'mål' }] }, mark: { type: 'text', align: 'left', dx: 3 }, encoding: { y: { field: 't', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  };
}

describe('Vega-Lite compiled once per chart shape', () => {
  it('draws each chart as compiling it whole does, for charts of one shape with different data', async () => {
    const a = trend([{ series: 'Registrering', year: 2022, value: 0.96 }, { series: 'Registrering', year: 2023, value: 0.91 }, { series: 'Oppfølging', year: 2023, value: 0.5 }], 0.95);
    const b = trend([{ series: 'Behandling', year: 2020, value: -0.25 }, { series: 'Behandling', year: 2024, value: 1234.5 }], 0.8);
    const svgA = await cached(a);
    const svgB = await cached(b);
    expect(svgA).toBe(await whole(a));
    expect(svgB).toBe(await whole(b));
    // Same shape: the second chart reused the first one's compiled dataflow, and still drew its own data.
    expect(compileChart(structuredClone(a)).runtime).toBe(compileChart(structuredClone(b)).runtime);
    expect(svgA).not.toBe(svgB);
    expect(svgB).toContain('Behandling');
  });

  it('a chart of another shape gets its own compilation', () => {
    const a = trend([{ series: 'x', year: 2022, value: 0.5 }], 0.9);
    const wider = { ...trend([{ series: 'x', year: 2022, value: 0.5 }], 0.9), width: 400 } as TopLevelSpec;
    expect(compileChart(wider).runtime).not.toBe(compileChart(a).runtime);
  });

  it('leaves data that is not an inline list where it is', async () => {
    const csv: TopLevelSpec = {
      data: { values: 'a,b\n1,2\n3,5', format: { type: 'csv' } },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'ordinal' }, y: { field: 'b', type: 'quantitative' } },
    };
    const lookup: TopLevelSpec = {
      data: { values: [{ unit: 'A', n: 3 }, { unit: 'B', n: 7 }] },
      transform: [{ lookup: 'unit', from: { data: { values: [{ unit: 'A', name: 'Alfa' }, { unit: 'B', name: 'Beta' }] }, key: 'unit', fields: ['name'] } }],
      mark: 'bar',
      encoding: { x: { field: 'name', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
    };
    expect(compileChart(structuredClone(csv)).data.size).toBe(0);
    for (const spec of [csv, lookup]) expect(await cached(spec)).toBe(await whole(spec));
    expect(await cached(lookup)).toContain('Beta');
  });
});

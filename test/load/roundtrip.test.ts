// One small extract saved as UTF-8, UTF-8 with a byte-order mark, windows-1252 the way Excel writes
// it, and Parquet: the metric files come out byte-identical. Codes hold ø, Ø and an en dash, so a
// misread byte would change a metric row's group.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db.js';
import { loadExtract } from '../../src/load/loader.js';
import { computeMetricResult, resolvePeriod } from '../../src/metrics/metrics.js';
import { reportContext } from '../../src/report/context.js';
import { buildModel } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/html.js';
import { BASE_YAML, CASES_HEADER, EVENTS_HEADER, FORMS_HEADER, PATHWAY_YAML, UNITS_HEADER, cli, tempDir, windows1252 } from '../helpers.js';

const TABLES: Record<string, string[]> = {
  units: [UNITS_HEADER, 'C1,Centre One,R1,Region One,bone|soft_tissue', 'FØRDE–S,Førde – sentralsjukehus,HSØ,Helse Sør-Øst,', 'L2,Local ’Two’,R2,Region Two,'],
  cases: [
    CASES_HEADER,
    'A,PA,2024-03-01,C49.2,,F,50,HSØ,FØRDE–S,',
    'B,PB,2024-05-01,C40.1,,M,60,R1,C1,',
    'C,PC,2023-06-01,C49.2,,F,70,HSØ,FØRDE–S,2024-01-02',
    'D,PD,2023-02-01,C47,,M,40,R2,L2,',
    'E,PE,2024-02-01,C50,,F,55,R1,C1,',
  ],
  forms: [
    FORMS_HEADER,
    'f1,A,registration,FØRDE–S,2024-04-01,,,',
    'f2,A,treatment,C1,2024-04-10,surgery,2024-04-05,C1',
    'f3,B,registration,C1,2024-06-01,,,',
    'f4,C,registration,FØRDE–S,2023-07-01,,,',
    'f5,C,treatment,FØRDE–S,2023-07-10,surgery,2023-07-02,FØRDE–S',
    'f6,D,treatment,L2,2023-03-01,surgery,2023-02-20,C1',
    'f7,Z,registration,C1,2024-01-01,,,',
  ],
  pathway_events: [EVENTS_HEADER, 'p1,PA,S,2024-02-01,FØRDE–S', 'p1,PA,FA,2024-02-06,FØRDE–S', 'p2,PB,S,2024-04-01,C1', 'p2,PB,FA,2024-04-12,C1'],
};
const YAML = BASE_YAML + PATHWAY_YAML;

function save(variant: 'utf-8' | 'bom' | 'windows-1252'): string {
  const dir = tempDir();
  const excel = variant === 'windows-1252';
  writeFileSync(join(dir, 'registry.yaml'), YAML + (excel ? 'csv: { delimiter: ";", date_format: "%d.%m.%Y" }\n' : ''));
  for (const [table, lines] of Object.entries(TABLES)) {
    if (!excel) {
      const text = lines.join('\n') + '\n';
      writeFileSync(join(dir, `${table}.csv`), variant === 'bom' ? '\uFEFF' + text : text);
      continue;
    }
    // Excel: ';', CRLF, dd.mm.yyyy, padded cells, an empty row of delimiters at the end.
    const cells = lines.map((l) => l.split(',').map((v) => v.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1')));
    const rows = cells.map((c, i) => (i === 1 ? c.map((v) => ` ${v} `) : c).join(';'));
    writeFileSync(join(dir, `${table}.csv`), windows1252([...rows, ';'.repeat(cells[0]!.length - 1)].join('\r\n') + '\r\n'));
  }
  return dir;
}

/** Parquet files made by DuckDB's own CSV reader from the UTF-8 variant: independent of regreport's. */
async function saveParquet(): Promise<string> {
  const from = save('utf-8');
  const dir = tempDir();
  writeFileSync(join(dir, 'registry.yaml'), YAML);
  const db = await Db.open();
  try {
    for (const table of Object.keys(TABLES)) {
      await db.run('COPY (SELECT * FROM read_csv($csv, all_varchar = true)) TO $parquet (FORMAT parquet)', { csv: join(from, `${table}.csv`), parquet: join(dir, `${table}.parquet`) });
    }
  } finally {
    db.close();
  }
  return dir;
}

async function metricFiles(dir: string): Promise<{ json: string; csv: string; dq: string; out: string }> {
  const out = join(tempDir(), 'm');
  const r = await cli('metrics', '--data', dir, '--out', out);
  expect(r.code, r.err).toBe(0);
  const read = (f: string) => readFileSync(join(out, f), 'utf8');
  return { json: read('internal/metrics.json'), csv: read('internal/metrics.csv'), dq: read('internal/data-quality.csv'), out: r.out };
}

describe('one extract, four encodings', () => {
  it('gives byte-identical metric files', async () => {
    const utf8 = await metricFiles(save('utf-8'));
    expect(utf8.csv).toContain(',unit,FØRDE–S,');
    expect(utf8.csv).toContain(',region,HSØ,');
    expect(utf8.dq).toBe('table,line,id,column,value,rule\nforms,8,f7,case_id,Z,unknown_case\n');
    const bom = await metricFiles(save('bom'));
    const excel = await metricFiles(save('windows-1252'));
    const parquet = await metricFiles(await saveParquet());
    expect(excel.out).toContain('units.csv (windows-1252)');
    expect(bom.out).toContain('units.csv (utf-8 with byte-order mark)');
    expect(utf8.out).toContain('units.csv (utf-8), cases.csv (utf-8), forms.csv (utf-8), pathway_events.csv (utf-8)');
    expect(parquet.out).toContain('units.parquet (parquet)');
    for (const other of [bom, excel, parquet]) {
      expect(other.json).toBe(utf8.json);
      expect(other.csv).toBe(utf8.csv);
    }
    // CSV line numbers are the same in every CSV variant; Parquet counts rows (f7 is row 7).
    expect(bom.dq).toBe(utf8.dq);
    expect(excel.dq).toBe(utf8.dq);
    expect(parquet.dq).toBe('table,line,id,column,value,rule\nforms,7,f7,case_id,Z,unknown_case\n');
  });

  it('the report shows the display names of the windows-1252 files right', async () => {
    const x = await loadExtract(save('windows-1252'));
    try {
      const table = await computeMetricResult(x, await resolvePeriod(x, {}));
      const html = renderHtml(await buildModel(await reportContext(x, table, 'nb'), { kind: 'national' }));
      expect(html).toContain('Førde – sentralsjukehus');
      expect(html).toContain('Helse Sør-Øst');
      expect(html).not.toMatch(/Ã|\u0096|\u0092/);
    } finally {
      x.db.close();
    }
  });
});

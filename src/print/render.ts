// Handlebars templates → self-contained HTML documents (inline CSS and SVG, no scripts, no external requests).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.js';
import { layoutTable, type TableModel } from './table.js';

const compiled = new Map<string, HandlebarsTemplateDelegate>();
let hb: typeof Handlebars | null = null;

/** templates/<name>.hbs with the partials of templates/partials/. */
export function template(name: string): HandlebarsTemplateDelegate {
  let t = compiled.get(name);
  if (t) return t;
  if (!hb) {
    hb = Handlebars.create();
    const partials = join(TEMPLATES_DIR, 'partials');
    for (const f of readdirSync(partials).filter((x) => x.endsWith('.hbs'))) {
      hb.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(join(partials, f), 'utf8'));
    }
  }
  // Every {{value}} is HTML-escaped (unit names may hold <, & and quotes); only the SVG charts and
  // the stylesheet, which the program makes itself, are inserted raw with {{{ }}}.
  t = hb.compile(readFileSync(join(TEMPLATES_DIR, `${name}.hbs`), 'utf8'));
  compiled.set(name, t);
  return t;
}

export function stylesheet(): string {
  return readFileSync(join(TEMPLATES_DIR, 'styles.css'), 'utf8');
}

/** Renders a template whose data holds one table (the worklist cover sheet). */
export function renderPage(name: string, data: { table: TableModel } & Record<string, unknown>): string {
  return template(name)({ ...data, table: layoutTable(data.table), css: stylesheet() });
}

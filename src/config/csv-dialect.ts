// registry.yaml's csv.delimiter and csv.date_format → the value, or what is wrong with it. Checked here
// so that DuckDB never sees a format it would reject mid-load (an internal error instead of exit 2).

/** The delimiter as written (not trimmed: a tab is a delimiter), or a problem. */
export function parseDelimiter(value: unknown): { delimiter: string } | { problem: string } {
  if (typeof value !== 'string') return { problem: `expected one character such as ',', ';' or "\\t", got ${JSON.stringify(value)}` };
  // A YAML plain scalar cannot hold a bare tab, so "\t" in double quotes is how a tab is written.
  const d = value.length === 1 ? value : value.trim();
  if ([...d].length !== 1 || d.length !== 1) return { problem: `expected one character such as ',', ';' or "\\t", got ${JSON.stringify(value)}` };
  if (d === '"') return { problem: 'the quote character " cannot be the delimiter' };
  if (d === '\0' || d === '\n' || d === '\r' || d === ' ') return { problem: `${JSON.stringify(d)} cannot be the delimiter; use ',', ';', '|' or "\\t"` };
  return { delimiter: d };
}

/** DuckDB's strptime specifiers (https://duckdb.org/docs/sql/functions/dateformat). */
const SPECIFIERS = new Set(['a', 'A', 'w', 'u', 'd', 'b', 'h', 'B', 'm', 'y', 'Y', 'G', 'H', 'I', 'p', 'M', 'S', 'f', 'g', 'n', 'z', 'Z', 'j', 'U', 'W', 'V', 'c', 'x', 'X', '%']);
const DASHED = new Set(['d', 'm', 'y', 'H', 'I', 'M', 'S', 'j']);

/** Undefined when `fmt` is a usable date format; otherwise what is wrong. */
export function dateFormatProblem(fmt: string): string | undefined {
  const used = new Set<string>();
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') continue;
    let spec = fmt[i + 1];
    if (spec === '-') {
      spec = fmt[i + 2];
      if (spec === undefined || !DASHED.has(spec)) return `'${fmt}': '%-${spec ?? ''}' is not a date format specifier`;
      i++;
    }
    if (spec === undefined) return `'${fmt}' ends with a lone '%'; write '%%' for a percent sign`;
    if (!SPECIFIERS.has(spec)) return `'${fmt}': '%${spec}' is not a date format specifier`;
    used.add(spec);
    i++;
  }
  const has = (...s: string[]) => s.some((x) => used.has(x));
  // A four-digit year (%Y) only: with %y, '05.01.24' would silently become a year nobody checked.
  if (!has('Y') || !has('m', 'b', 'B', 'h') || !has('d')) return `'${fmt}' must contain a four-digit year (%Y), a month (%m) and a day (%d)`;
  return undefined;
}

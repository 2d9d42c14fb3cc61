// The YAML reader of registry.yaml: typed accessors that fail with the key path, the line and a hint.
import { isMap, type Document, type LineCounter } from 'yaml';
import { InputError, closest } from '../errors.js';

export type Path = readonly (string | number)[];

/** Reads one parsed YAML document, remembering where each value stood for error messages. */
export class Reader {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  fail(path: Path, message: string, hint?: string): never {
    const node = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    let line: number | undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) line = this.lines.linePos(range[0]).line;
    else if (path.length > 1) {
      const parent = this.doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
      if (parent?.range) line = this.lines.linePos(parent.range[0]).line;
    }
    const at = path.length ? `'${path.join('.')}'` : 'the document';
    return this.throwAt(`${at}: ${message}`, line, hint);
  }

  private throwAt(message: string, line: number | undefined, hint: string | undefined): never {
    const where: { file: string; line?: number; hint?: string } = { file: this.file };
    if (line !== undefined) where.line = line;
    if (hint !== undefined) where.hint = hint;
    throw new InputError(message, where);
  }

  /** A mapping whose keys must all be known; unknown keys are errors with a suggestion. */
  map(value: unknown, path: Path, known: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      this.fail(path, `expected a mapping (key: value lines), got ${describe(value)}`);
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const guess = closest(key, known);
        const where = path.length ? `under '${path.join('.')}'` : 'at top level';
        const node = this.doc.getIn(path, true);
        let line: number | undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
          const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (range) line = this.lines.linePos(range[0]).line;
        }
        this.throwAt(
          `unknown key '${key}' ${where}${guess ? `; did you mean '${guess}'?` : ''}`,
          line,
          `allowed keys here: ${known.join(', ')}`,
        );
      }
    }
    return obj;
  }

  string(value: unknown, path: Path): string {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, `expected a non-empty text, got ${describe(value)}`);
    return value.trim();
  }

  list(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected a list ([a, b] or '- a' lines), got ${describe(value)}`);
    return value;
  }

  stringList(value: unknown, path: Path, { nonEmpty = true } = {}): string[] {
    const items = this.list(value, path).map((v, i) => this.string(v, [...path, i]));
    if (nonEmpty && items.length === 0) this.fail(path, 'expected at least one entry');
    return items;
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T {
    const s = this.string(value, path);
    if (!(allowed as readonly string[]).includes(s)) {
      const guess = closest(s, allowed);
      this.fail(path, `'${s}' is not one of ${allowed.join(', ')}${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    return s as T;
  }

  fraction(value: unknown, path: Path): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      this.fail(path, `expected a share between 0 and 1 (e.g. 0.8 for 80 %), got ${describe(value)}`);
    }
    return value;
  }

  integer(value: unknown, path: Path, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  date(value: unknown, path: Path): string {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : '';
    if (!isIsoDate(iso)) this.fail(path, `expected a date as YYYY-MM-DD, got ${describe(value)}`);
    return iso;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

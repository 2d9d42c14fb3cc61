// Errors that reach the user: each carries its exit code and, where it applies, the file and position.

/** Exit codes of every command. */
export const EXIT = { ok: 0, changed: 1, internal: 1, input: 2 } as const;

/** Bad input or usage: printed as one message, exit code 2, never a stack trace. */
export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: string | number | undefined;
  readonly hint: string | undefined;

  constructor(
    message: string,
    where: { file?: string; line?: number; column?: string | number; hint?: string } = {},
  ) {
    super(message);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.hint = where.hint;
  }

  /**
   * `file:line: column X: message\n  hint` — the shape editors and CI logs recognise. Messages quote
   * values from the input; their control characters are shown escaped, so that a line break in a
   * header cannot split the message and an escape sequence cannot reach the terminal.
   */
  format(): string {
    let place = this.file ?? '';
    if (this.file !== undefined && this.line !== undefined) place += `:${this.line}`;
    const col = this.column !== undefined ? `column ${String(this.column)}: ` : '';
    const head = visible(place ? `${place}: ${col}${this.message}` : `${col}${this.message}`);
    return this.hint ? `${head}\n  ${visible(this.hint)}` : head;
  }
}

/** Control characters (C0, DEL, C1) as \u escapes. */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a small edit distance, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

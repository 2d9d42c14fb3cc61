// Exact linear algebra over the rationals, for disclosure control: which unknowns of a linear system
// are pinned to one value by the equations alone. Floating point could call a cell "determined" (or
// not) by rounding, so every number here is a fraction of BigInts.

/** A fraction n/d in lowest terms with d > 0. */
export class Rational {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('division by zero');
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    const g = gcd(nn < 0n ? -nn : nn, dd);
    return new Rational(nn / g, dd / g);
  }

  static readonly ZERO = Rational.of(0);

  isZero(): boolean {
    return this.n === 0n;
  }

  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }

  div(o: Rational): Rational {
    return Rational.of(this.n * o.d, this.d * o.n);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * The unknowns (columns) whose value follows from the homogeneous equations `rows · x = known`,
 * whatever the known right-hand sides are: column j is determined exactly when the unit vector e_j
 * lies in the row space, i.e. when the reduced row echelon form has a row that is e_j.
 */
export function determinedColumns(rows: readonly (readonly number[])[], columns: number): Set<number> {
  const m = rows.map((r) => Array.from({ length: columns }, (_, j) => Rational.of(r[j] ?? 0)));
  const pivots: { row: number; col: number }[] = [];
  let rank = 0;
  for (let col = 0; col < columns && rank < m.length; col++) {
    const p = m.findIndex((r, i) => i >= rank && !r[col]!.isZero());
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const pivotRow = m[rank]!;
    const inv = pivotRow[col]!;
    for (let j = 0; j < columns; j++) pivotRow[j] = pivotRow[j]!.div(inv);
    for (let i = 0; i < m.length; i++) {
      const factor = m[i]![col]!;
      if (i === rank || factor.isZero()) continue;
      const row = m[i]!;
      for (let j = 0; j < columns; j++) row[j] = row[j]!.sub(factor.mul(pivotRow[j]!));
    }
    pivots.push({ row: rank, col });
    rank++;
  }
  const out = new Set<number>();
  for (const { row, col } of pivots) {
    if (m[row]!.every((v, j) => j === col || v.isZero())) out.add(col);
  }
  return out;
}

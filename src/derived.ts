// Results a run derives from a loaded extract that a later run on the same files and the same code
// may reuse instead of computing again: the metric table of a period, the negative intervals as of
// a cut-off, the period's warnings. The repeat-run cache keeps them beside its entry
// (cache/derived-store.ts); without the cache there is no store and everything is computed.

export interface DerivedStore {
  /** the value an earlier run kept under `key` for the same extract and code, if any */
  get<T>(key: string): T | undefined;
  /** keeps `value` (plain JSON: strings, finite numbers, booleans, null, arrays, objects) */
  put(key: string, value: unknown): void;
}

/** The kept value under `key`, else `compute()`'s, which is then kept. */
export async function derived<T>(store: DerivedStore | undefined, key: string, compute: () => Promise<T>): Promise<T> {
  const kept = store?.get<T>(key);
  if (kept !== undefined) return kept;
  const value = await compute();
  store?.put(key, value);
  return value;
}

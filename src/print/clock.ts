// The generation time: SOURCE_DATE_EPOCH (reproducible builds) or now.

/** SOURCE_DATE_EPOCH as a date, when set to whole seconds. */
export function sourceDateEpoch(): Date | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** SOURCE_DATE_EPOCH or now, as an ISO timestamp without milliseconds. */
export function generationTime(): string {
  return (sourceDateEpoch() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Chromium stamps /CreationDate and /ModDate with the wall clock; under SOURCE_DATE_EPOCH they get
 * that time instead, so a re-run gives a byte-identical PDF. The stamp keeps its length
 * (D:YYYYMMDDHHmmSS+00'00'), so the cross-reference offsets stay right.
 */
export function stampPdfDates(pdf: Uint8Array, when: Date): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const d = when.toISOString();
  const stamp = `D:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}+00'00'`;
  const out = text.replace(/\/(CreationDate|ModDate) \(D:\d{14}(?:[+-]\d{2}'\d{2}'|Z)?\)/g, (m, key: string) => {
    const next = `/${key} (${stamp})`;
    return next.length === m.length ? next : m;
  });
  return Buffer.from(out, 'latin1');
}

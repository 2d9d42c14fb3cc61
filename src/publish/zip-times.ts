// The time stamps inside a .xlsx (a zip): ExcelJS's zip library stamps every entry with the moment it
// was added, so two runs on the same data gave different bytes. Every entry gets the workbook's own
// time instead (SOURCE_DATE_EPOCH, or the run's start), so a rebuild is byte-identical and a CI job can
// compare outputs. Only the stamps change: names, contents and checksums are untouched.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS time and date (2-second resolution, from 1980), in UTC. */
function dosStamp(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** A copy of the zip with every entry's modification time set to `when`. */
export function withEntryTimes(zip: Uint8Array, when: Date): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  // The end-of-central-directory record: within the last 22 + 65535 bytes (its comment's largest size).
  let eocd = -1;
  for (let p = out.length - 22; p >= Math.max(0, out.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  const { time, date } = dosStamp(when);
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error(`zip central directory broken at entry ${i}`);
    view.setUint16(p + 12, time, true);
    view.setUint16(p + 14, date, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`zip local header of entry ${i} not found`);
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

// regreport cache list|clear: the repeat-run cache's entries (which extract, size, age), and removing them.
import { resolve } from 'node:path';
import { CACHE_ENV, chooseCacheDir } from '../cache/location.js';
import { clearEntries, listEntries } from '../cache/manage.js';
import { EXIT, InputError } from '../errors.js';
import { str, type Command, type Values } from './options.js';

/** The folder the command looks at: as a loading command with the same options would use it. */
function folderOf(values: Values): { dir: string; dataDir: string | undefined } {
  const data = str(values, 'data');
  const choice = chooseCacheDir({ cacheDir: str(values, 'cache-dir'), dataDir: data ?? '.' });
  if (choice.dir === null || (!choice.explicit && data === undefined)) {
    throw new InputError('which cache? give --data DIR (its cache) or --cache-dir DIR', { hint: `or set ${CACHE_ENV}` });
  }
  return { dir: choice.dir, dataDir: data === undefined ? undefined : resolve(data) };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

export const cacheCommand: Command = {
  summary: 'list or clear the repeat-run cache (validated extracts kept for the next run)',
  usage: 'list|clear [--data DIR] [--cache-dir DIR]',
  actions: ['list', 'clear'],
  options: {
    data: { type: 'string', arg: 'DIR', help: "an extract folder: only its entry (and its default cache folder, .regreport-cache in it)" },
    'cache-dir': { type: 'string', arg: 'DIR', help: `the cache folder (default: $${CACHE_ENV}, else .regreport-cache in --data)` },
  },
  details:
    'list: each entry with the extract it holds, its size and age. clear: removes the entries (with --data only\n' +
    "that extract's). The cache holds every validated row of an extract: see README, \"The repeat-run cache\".",
  async run(values, io) {
    const { dir, dataDir } = folderOf(values);
    if (values.action === 'clear') {
      const r = clearEntries(dir, dataDir);
      io.out.write(`removed ${r.files} file(s), ${mb(r.bytes)} from ${dir}\n`);
      return EXIT.ok;
    }
    const entries = await listEntries(dir, dataDir);
    const now = new Date();
    io.out.write(`${dir}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${mb(entries.reduce((n, e) => n + e.bytes, 0))}\n`);
    for (const e of entries) {
      const what = e.meta ? `${e.meta.extract} (written ${e.meta.created.slice(0, 16).replace('T', ' ')} UTC, regreport ${String(e.meta.keyParts.regreport)})` : 'unreadable (another regreport version?): replaced at the next run, or clear it';
      io.out.write(`  ${e.file}  ${mb(e.bytes).padStart(9)}  ${age(e.modified, now).padStart(8)}  ${what}\n`);
    }
    return EXIT.ok;
  },
};

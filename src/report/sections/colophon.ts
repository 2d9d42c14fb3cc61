// Colophon: the program's version, when the report was made, and the input files' checksums.
import type { Section } from '../model.js';
import type { View } from '../view.js';

export function colophonSection(v: View): Section {
  const { s, f, ctx } = v;
  return {
    id: 'colophon',
    title: s.colophon,
    intro: `regreport ${ctx.version}. ${s.generated}: ${ctx.generated}.`,
    blocks: [
      {
        table: {
          caption: s.inputFiles,
          head: [s.file, s.rows, 'SHA-256'],
          rows: ctx.files.map((x) => [{ text: x.name }, { text: x.rows ? f.int(x.rows) : '', cls: 'num' }, { text: x.sha256, cls: 'hash' }]),
        },
      },
    ],
  };
}

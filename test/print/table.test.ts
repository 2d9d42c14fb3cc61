// The table vocabulary: names kept on one line when they fit, region headings that may break, group bodies.
import { describe, expect, it } from 'vitest';
import { layoutTable, nameCell, NOWRAP_NAME, regionHeading } from '../../src/print/table.js';

describe('nameCell', () => {
  it('keeps a name of up to 34 characters on one line and lets a longer one wrap', () => {
    expect(NOWRAP_NAME).toBe(34);
    expect(nameCell('Universitetssykehuset Nord-Norge')).toEqual({ text: 'Universitetssykehuset Nord-Norge', cls: 'name' });
    expect(nameCell('x'.repeat(34)).cls).toBe('name');
    expect(nameCell('x'.repeat(35)).cls).toBe('');
    expect(nameCell('Nasjonalt', 'total')).toEqual({ text: 'Nasjonalt', cls: 'total name' });
    expect(nameCell('x'.repeat(35), 'total').cls).toBe('total');
  });
});

describe('regionHeading', () => {
  it('a soft hyphen before "region" inside a word only', () => {
    expect(regionHeading('Västra sjukvårdsregionen')).toBe('Västra sjukvårds\u00adregionen');
    expect(regionHeading('Sjukvårdsregion Mellansverige')).toBe('Sjukvårds\u00adregion Mellansverige');
    expect(regionHeading('Helseregion')).toBe('Helse\u00adregion');
    expect(regionHeading('Region Stockholm')).toBe('Region Stockholm');
    expect(regionHeading('Helse Midt-Norge')).toBe('Helse Midt-Norge');
  });
});

describe('layoutTable', () => {
  it('a row of one spanning cell starts a body of its own; headings align with the first full row', () => {
    const t = layoutTable({
      caption: 'c',
      head: ['Helseregion', 'Andel'],
      rows: [
        [{ text: 'OF1', span: 2 }],
        [{ text: 'Helse Vest' }, { text: '63,9 %', cls: 'num' }],
        [{ text: 'OF2', span: 2 }],
        [{ text: 'Helse Nord' }, { text: '78,9 %', cls: 'num' }],
      ],
    });
    expect(t.headCells.map((c) => c.cls)).toEqual(['', 'num']);
    expect(t.bodies.map((b) => [b.grouped, b.rows.length])).toEqual([[true, 2], [true, 2]]);
    const plain = layoutTable({ caption: '', head: ['a'], rows: [[{ text: '1' }], [{ text: '2' }]] });
    expect(plain.bodies).toEqual([{ rows: [[{ text: '1' }], [{ text: '2' }]], grouped: false }]);
    expect(layoutTable({ caption: '', head: ['a'], rows: [] }).bodies).toEqual([]);
  });
});

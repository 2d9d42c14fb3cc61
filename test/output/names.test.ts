// Codes → file names: injective when case is ignored, within file-name limits, never refusing a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFileName, codeFileNames } from '../../src/output-names.js';

const SAFE_NAME = /^[A-Za-z0-9_~-]{1,64}$/;

describe('codeFileName', () => {
  it('keeps plain codes as they are', () => {
    expect(['HV', 'OUS', 'A_B', 'NORR', 'R-1', '007'].map(codeFileName)).toEqual(['HV', 'OUS', 'A_B', 'NORR', 'R-1', '007']);
  });

  it('gives distinct, safe names to codes that used to collide', () => {
    const codes = ['A/B', 'A_B', 'A\\B', 'HV', 'hv', 'Hv', '..', '.', '/', 'a\0b', 'a', '😀', '😁', 'Ås', 'As', 'x'.repeat(300), 'x'.repeat(299) + 'y', 'CON', ' HV', 'HV~0'];
    const names = codes.map(codeFileName);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(codes.length);
    for (const n of names) expect(n).toMatch(SAFE_NAME);
    expect(codeFileName('Ås')).toMatch(/^As~[0-9a-f]{12}$/);
    expect(codeFileName('A/B')).toMatch(/^AB~/);
    expect(codeFileNames(codes).size).toBe(codes.length);
  });

  it('is injective and case-insensitive-safe for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (a, b) => {
        fc.pre(a !== b);
        const [na, nb] = [codeFileName(a), codeFileName(b)];
        expect(na).toMatch(SAFE_NAME);
        expect(na.toLowerCase()).not.toBe(nb.toLowerCase());
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it('names a code the same way on every run (stable file names for the manifest and for users)', () => {
    expect(codeFileName('hv')).toBe('hv~8e0d990998c6');
  });
});

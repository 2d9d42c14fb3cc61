import { describe, expect, it } from 'vitest';
import { solidStrokes } from '../../src/report/chart-svg.js';

describe('solid strokes', () => {
  it('drops dash patterns that have no gap, keeps real dashes', () => {
    const path = (d: string) => `<path d="M0,0L9,9" stroke-dasharray="${d}" stroke="#000"/>`;
    expect(solidStrokes(path('1,0'))).toBe('<path d="M0,0L9,9" stroke="#000"/>');
    expect(solidStrokes(path('4 0 2 0'))).toBe('<path d="M0,0L9,9" stroke="#000"/>');
    for (const dashed of ['5,3', '4,2', '1,0,2', '0,0,1', '2']) expect(solidStrokes(path(dashed)), dashed).toBe(path(dashed));
  });
});

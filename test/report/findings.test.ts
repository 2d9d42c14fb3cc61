// Key findings from a hand-made published table, every number worked out by hand.
import { describe, expect, it } from 'vitest';
import { change, keyFindings } from '../../src/report/findings.js';
import { view, type HandRow } from './view-fixture.js';

const nbsp = (s: string) => s.replaceAll('\u00a0', ' ');

const ROWS: HandRow[] = [
  // Coverage, registration, national: 90,0 % (2022), 85,0 % (2023), 60,0 % (2024, target 80 %).
  { year: 2022, level: 'national', group: 'ALL', n: 9, d: 10, target: 0.95 },
  { year: 2023, level: 'national', group: 'ALL', n: 17, d: 20, target: 0.95 },
  { year: 2024, level: 'national', group: 'ALL', n: 6, d: 10, target: 0.8 },
  // Units in 2023: A 90 % and C 30 % below the 95 % target, B 5/5 reached it.
  { year: 2023, level: 'unit', group: 'A', n: 9, d: 10, target: 0.95 },
  { year: 2023, level: 'unit', group: 'B', n: 5, d: 5, target: 0.95 },
  { year: 2023, level: 'unit', group: 'C', n: 3, d: 10, target: 0.95 },
  // Centralisation: 80,0 % (low) in 2023, 92,0 % (high) in 2024.
  { metric: 'centralisation', dim: 'ALL', year: 2023, level: 'national', group: 'ALL', n: 40, d: 50, target: 0.9 },
  { metric: 'centralisation', dim: 'ALL', year: 2024, level: 'national', group: 'ALL', n: 46, d: 50, target: 0.9 },
  // Pathway I1: 70,0 % in 2024 against 75,0 % in 2023 (both high at a 70 % target).
  { metric: 'pathway_time', dim: 'I1', year: 2023, level: 'national', group: 'ALL', n: 15, d: 20, target: 0.7 },
  { metric: 'pathway_time', dim: 'I1', year: 2024, level: 'national', group: 'ALL', n: 14, d: 20, target: 0.7 },
];

describe('key findings', () => {
  it('national: changes since the year before, goal-level moves, units furthest below target', () => {
    expect(keyFindings(view(ROWS)).map(nbsp)).toEqual([
      'Dekningsgraden for registrering for diagnoseåret 2023 var 85,0 % (17 av 20 pasienter), ned 5,0 prosentpoeng fra 2022 (90,0 %); målet er 95 %.',
      'For diagnoseåret 2024, som fortsatt registreres, var dekningsgraden for registrering 60,0 % (6 av 10); målet er 80 %.',
      '92,0 % av de behandlede pasientene med diagnose i 2024 (46 av 50) fikk første behandling ved et behandlingssenter for sin diagnosegruppe, opp 12,0 prosentpoeng fra 2023 (80,0 %).',
      'Andel forløp innenfor standard forløpstid i 2024: I1 (start – første fremmøte) 70,0 % (ned 5,0 prosentpoeng, 2023: 75,0 %).',
      'Endret måloppnåelse fra året før: Sentralisering fra lav (2023) til høy (2024).',
      '1 av 3 enheter nådde målet for registrering for diagnoseåret 2023. Lengst under målet: Gamma sykehus 30,0 % (3 av 10); Alfa sykehus 90,0 % (9 av 10).',
    ]);
  });

  it('a regional report counts only the region’s units', () => {
    const f = keyFindings(view(ROWS, { kind: 'region', code: 'R1' }));
    // R1 has no region rows here: only the unit finding remains, with A and B.
    expect(f.map(nbsp)).toEqual(['1 av 2 enheter nådde målet for registrering for diagnoseåret 2023. Lengst under målet: Alfa sykehus 90,0 % (9 av 10).']);
  });

  it('withheld rows give no finding and no change', () => {
    const rows = ROWS.map((r) => (r.metric === 'centralisation' && r.year === 2023 ? { ...r, withheld: true } : r));
    const f = keyFindings(view(rows)).map(nbsp);
    expect(f).toContain('92,0 % av de behandlede pasientene med diagnose i 2024 (46 av 50) fikk første behandling ved et behandlingssenter for sin diagnosegruppe.');
    expect(f.join(' ')).not.toContain('Sentralisering fra');
  });

  it('more than three units below target: the three furthest, then "og N til"', () => {
    const rows: HandRow[] = ['A', 'B', 'C', 'D', 'E'].map((g, i) => ({ year: 2023, level: 'unit', group: g, n: 5 + i, d: 10, target: 0.95 }));
    const f = keyFindings(view(rows)).map(nbsp);
    // D and E are not units of the registry: the names fall back to their codes.
    expect(f).toEqual(['0 av 5 enheter nådde målet for registrering for diagnoseåret 2023. Lengst under målet: Alfa sykehus 50,0 % (5 av 10); Beta sykehus 60,0 % (6 av 10); Gamma sykehus 70,0 % (7 av 10); og 2 til.']);
  });

  it('a change is the difference of the printed values: 33,3 % against 31,7 % is 1,6 points, not 1,7', () => {
    const v = view([]);
    expect(change(v, 0.3334, 0.3166)).toBe('opp 1,6 prosentpoeng');
    expect(change(v, 0.3166, 0.3334)).toBe('ned 1,6 prosentpoeng');
    expect(change(v, 0.50049, 0.4996)).toBe('uendret');
    expect(change(view([], { kind: 'national' }, 'en'), 0.3334, 0.3166)).toBe('up 1.6 percentage points');
  });
});

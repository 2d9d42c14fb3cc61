// Clopper–Pearson against R: binom.test(k, n)$conf.int, printed with %.17g (R 4.2, Debian).
import { describe, expect, it } from 'vitest';
import { binomialCdf, clopperPearson, funnelLimits } from '../../src/metrics/binomial.js';

const R_BINOM_TEST: [number, number, number, number][] = [
  [0, 1, 0, 0.97499999999999998],
  [1, 1, 0.025000000000000022, 1],
  [0, 5, 0, 0.52182375010498139],
  [5, 5, 0.47817624989501861, 1],
  [1, 10, 0.0025285785444617865, 0.44501611702819543],
  [7, 20, 0.15390920478454115, 0.59218853453282816],
  [50, 100, 0.39832112950330101, 0.60167887049669899],
  [255, 310, 0.77541420314789145, 0.86345712442160361],
  [171, 311, 0.49268779750735558, 0.6060323056539626],
  [3, 4, 0.19412044968324341, 0.99369053679029018],
  [999, 1000, 0.99444107572017337, 0.99997468251250876],
  [1, 100000, 2.5317804779333154e-7, 5.5715160347742724e-5],
  [81234, 100000, 0.8099060243255024, 0.81475584625829123],
  [12, 13, 0.6397025647321225, 0.9980543715026533],
  [2, 7, 0.036692566176085559, 0.70957913626265734],
  [4, 4000, 0.00027253142615528197, 0.0025584001433751552],
  [2, 3, 0.094299324050246131, 0.99159624134038737],
  [0, 3, 0, 0.70759822617871326],
  [2, 5, 0.052744950526316912, 0.85336720036532676],
  [1, 3, 0.0084037586596126413, 0.9057006759497539],
  [1, 2, 0.012579117093425058, 0.98742088290657493],
  [5, 7, 0.29042086373734272, 0.96330743382391448],
  [2, 4, 0.067585986488542998, 0.93241401351145703],
  [0, 2, 0, 0.841886116991581],
];

describe('Clopper–Pearson 95 % interval', () => {
  for (const [k, n, low, high] of R_BINOM_TEST) {
    it(`${k}/${n} agrees with R to 1e-9`, () => {
      const [l, h] = clopperPearson(k, n);
      expect(Math.abs(l - low)).toBeLessThan(1e-9);
      expect(Math.abs(h - high)).toBeLessThan(1e-9);
    });
  }

  it('is exactly 0 at k = 0 and exactly 1 at k = n', () => {
    expect(clopperPearson(0, 17)[0]).toBe(0);
    expect(clopperPearson(17, 17)[1]).toBe(1);
  });

  it('refuses impossible counts', () => {
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(0, 0)).toThrow(RangeError);
  });
});

describe('funnel limits', () => {
  it('binomial CDF matches a direct sum', () => {
    const n = 30;
    const p = 0.83;
    let sum = 0;
    let coef = 1;
    for (let k = 0; k <= 20; k++) {
      if (k > 0) coef = (coef * (n - k + 1)) / k;
      sum += coef * p ** k * (1 - p) ** (n - k);
      expect(binomialCdf(k, n, p)).toBeCloseTo(sum, 12);
    }
  });

  it('narrow as n grows, widen with the coverage, and hold the national rate', () => {
    const [l95, h95] = funnelLimits(0.9, 50, 0.95);
    const [l998, h998] = funnelLimits(0.9, 50, 0.998);
    const [lBig, hBig] = funnelLimits(0.9, 5000, 0.95);
    expect(l998).toBeLessThan(l95);
    expect(h998).toBeGreaterThanOrEqual(h95);
    expect(l95).toBeLessThan(0.9);
    expect(h95).toBeGreaterThan(0.9);
    expect(hBig - lBig).toBeLessThan(h95 - l95);
    // Normal approximation at large n: 0.9 ± 1.96·√(0.9·0.1/5000) ≈ 0.9 ± 0.00832
    expect(lBig).toBeCloseTo(0.9 - 0.00832, 3);
    expect(hBig).toBeCloseTo(0.9 + 0.00832, 3);
  });
});

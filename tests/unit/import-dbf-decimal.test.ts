import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../electron/core/import/readers/dbf.js';

/** The DBF reader's fast path for numeric fields must give exactly what Number(text) gives, or defer to it. */
describe('DBF plain decimal fast path', () => {
  const read = (t: string): number | undefined => {
    const b = Buffer.from(t, 'latin1');
    return plainDecimal(b, 0, b.length);
  };

  it('equals Number(text) bit for bit on plain decimals', () => {
    const fixed = ['0', '-0', '+5', '5.', '.5', '-.5', '1698.67', '000123.4500', '999999999999999', '0.1', '0.3', '-12345.678901234', '226294695.34'];
    // GDAL's N(24,15) as written for areas; more than 15 digits
    fixed.push('2493.940000000000055', '1698.670000000000073', '-0.000000000000000001', '12345678901234567890.5', '0.0000000000000001');
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const random = Array.from({ length: 5000 }, () => {
      const int = Math.floor(rnd() * 10 ** Math.floor(rnd() * 10)).toString();
      const frac = Math.floor(rnd() * 10 ** Math.floor(rnd() * 6)).toString().padStart(Math.floor(rnd() * 6), '0');
      return (rnd() < 0.2 ? '-' : '') + int + (rnd() < 0.7 ? `.${frac}` : '');
    });
    for (const t of [...fixed, ...random]) {
      const v = read(t);
      expect(v, t).toBeDefined();
      expect(Object.is(v, Number(t)), t).toBe(true);
    }
  });

  it('defers anything else to the general parser', () => {
    for (const t of ['1e5', '1,5', '.', '-', '+', '12.3.4', ' 1', '1 ', '9999999999999999', '-12345678901234567890', '***', 'abc', '']) expect(read(t), t).toBeUndefined();
  });
});

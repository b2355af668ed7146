/** The lunar holidays resolved to solar dates in Vietnam's time zone (Tết, the Hùng Kings' day). */
import { expect } from 'chai';
import { lunarNewYearsEve, lunarToSolar, tet } from '@motcua/domain/sla/lunar.ts';

describe('the lunar calendar', function () {
  const known: [number, string, string][] = [
    // year, Tết (1/1), Hùng Kings' day (10/3)
    [2023, '2023-01-22', '2023-04-29'],
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'],
  ];
  for (const [year, tetDate, hung] of known) {
    it(`${year}: Tết is ${tetDate} and the Hùng Kings' day ${hung}`, () => {
      expect(tet(year)).to.equal(tetDate);
      expect(lunarToSolar(year, 3, 10)).to.equal(hung);
    });
  }
  it("counts in UTC+7, not China's UTC+8: Tết 1985 was 21 January in Vietnam (20 February in China)", () => expect(tet(1985)).to.equal('1985-01-21'));
  it('Tết 2007 was 17 February in Vietnam (18 February in China)', () => expect(tet(2007)).to.equal('2007-02-17'));
  it('Tết 2030 falls on 2 February in Vietnam: the new moon is at 23:07 Hà Nội time, already 3 February in China', () =>
    expect(tet(2030)).to.equal('2030-02-02'));
  it('the last day of the lunar year before Tết 2026 is Monday 16 February', () => expect(lunarNewYearsEve(2026)).to.equal('2026-02-16'));
  it('2025 has a leap sixth month (6 nhuận) starting 25 July', () => {
    expect(lunarToSolar(2025, 6, 1, true)).to.equal('2025-07-25');
    expect(() => lunarToSolar(2026, 6, 1, true)).to.throw(RangeError);
  });
});

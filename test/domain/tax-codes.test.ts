/**
 * Tax codes (mã số thuế): an enterprise's 10th digit checks the first 9 (weights 31, 29, 23, 19, 17, 13, 7, 5, 3;
 * 10 − sum mod 11), as the published examples show; a branch keeps its head office's 10 digits; a person's is
 * their 12-digit identification number, its form alone checked.
 */
import { expect } from 'chai';
import { TAX_CODE, taxCodeCheckDigit, taxCodeProblem } from '@motcua/domain/accounts/tax-codes.ts';

describe('tax codes', () => {
  it('computes the check digit of the published examples', () => {
    // 0·31 + 1·29 + 0 + 0 + 0 + 4·13 + 7·7 + 5·5 + 1·3 = 158; 158 mod 11 = 4; 10 − 4 = 6
    expect(taxCodeCheckDigit('010004751')).to.equal(6);
    expect(taxCodeCheckDigit('031440905')).to.equal(8);
    // a sum divisible by 11 would need a check of 10: never issued
    expect(taxCodeCheckDigit('031200002')).to.equal(undefined);
  });

  it('accepts a code whose check digit is right, with or without a branch, and a 12-digit personal number', () => {
    for (const code of ['0100047516', '0314409058', '0314409058-002', '079203000123']) expect(taxCodeProblem(code), code).to.equal(undefined);
  });

  it('refuses a wrong check digit, and any other form', () => {
    for (const code of ['0100047517', '0314409050-002', '0312000020', '0312000029']) expect(taxCodeProblem(code), code).to.equal('check_digit');
    for (const code of ['12345', '031440905', '03144090580', '0314409058-02', '0314409058002', '07920300012', '0792030001234', ' 0314409058', '031440905a'])
      expect(taxCodeProblem(code), code).to.equal('format');
    expect(TAX_CODE.test('079203000123-001')).to.equal(false);
  });
});

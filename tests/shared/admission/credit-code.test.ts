import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode, normaliseCreditCode } from '../../../shared/admission/credit-code';

/** Codes printed on real business licences (public registration records). */
const REAL = ['9144030071526726XG', '91330100799655058B', '91110000802100433B', '91350100M000100Y43', '91310000717854505W'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(REAL)('accepts the real code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('computes a check character of 0 when the weighted sum is a multiple of 31', () => {
    // 31 − (sum mod 31) = 31 is written as 0: a body chosen so the sum is 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it.each(REAL)('refuses %s with any one character changed', (code) => {
    for (let i = 0; i < 18; i++) {
      const swapped = code[i] === '1' ? '2' : '1';
      const corrupted = code.slice(0, i) + swapped + code.slice(i + 1);
      expect(isValidCreditCode(corrupted)).toBe(false);
    }
  });

  it('refuses two neighbouring characters swapped', () => {
    const code = REAL[0]!;
    const swapped = code[1]! + code[0]! + code.slice(2);
    expect(creditCodeProblem(swapped)).toMatch(/校验位/);
  });

  it('says which problem a code has: its length, a letter never used, or its check character', () => {
    expect(creditCodeProblem('91440300715267')).toMatch(/18 位/);
    expect(creditCodeProblem('9144030071526726IG')).toMatch(/不允许的字符/);
    expect(creditCodeProblem('9144030071526726XA')).toMatch(/校验位/);
  });

  it('reads a code typed in lower case with spaces as the same code', () => {
    expect(normaliseCreditCode(' 91440300 71526726xg ')).toBe('9144030071526726XG');
    expect(isValidCreditCode('9144030071526726xg')).toBe(true);
  });
});

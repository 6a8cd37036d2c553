/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation type (1),
 * administrative division (6, GB/T 2260), organisation body code (9) and a check character (1).
 * Letters I, O, Z, S and V are never used, so they cannot be confused with digits.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character the first 17 characters call for (C18 = 31 − Σ(Ci·Wi) mod 31, 31 written as 0). */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c]!;
}

/** The code as typed, upper-cased and without spaces (what is stored and compared). */
export function normaliseCreditCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Why a code is not a valid 统一社会信用代码, or null when it is. */
export function creditCodeProblem(raw: string): string | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (!SHAPE.test(code)) return '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对营业执照';
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

import fc from 'fast-check';
import {
  CODE_LENGTH,
  SCENE_MAX_LENGTH,
  WECOM_STATE_MAX_LENGTH,
  couponCodeFromBytes,
  deriveCode,
  fitsScene,
  fitsWecomState,
  formatCode,
  groupCouponCode,
  parseCode,
  parseCouponCode,
} from '../../../shared/campaigns';

const id = fc.string({ minLength: 1, maxLength: 64 });

describe('campaign codes', () => {
  it('round-trip: every derived code parses back to itself', () => {
    fc.assert(
      fc.property(id, id, fc.nat(10), (campaign, sharer, attempt) => {
        const code = deriveCode(campaign, sharer, attempt);
        expect(parseCode(code)).toEqual({ ok: true, code });
      }),
      { numRuns: 2000 },
    );
  });

  it('fits both a wxacode scene (≤ 32 of its characters) and a WeCom state (≤ 30 letters and digits)', () => {
    expect(CODE_LENGTH).toBeLessThanOrEqual(Math.min(SCENE_MAX_LENGTH, WECOM_STATE_MAX_LENGTH));
    fc.assert(
      fc.property(id, id, (campaign, sharer) => {
        const code = deriveCode(campaign, sharer);
        expect(code).toHaveLength(CODE_LENGTH);
        expect(fitsScene(code)).toBe(true);
        expect(fitsWecomState(code)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('is the same for the same campaign and sharer, and differs for another sharer or attempt', () => {
    expect(deriveCode('spring', 'clerk-1')).toBe(deriveCode('spring', 'clerk-1'));
    expect(deriveCode('spring', 'clerk-1')).not.toBe(deriveCode('spring', 'clerk-2'));
    expect(deriveCode('spring', 'clerk-1')).not.toBe(deriveCode('spring2', 'clerk-1'));
    expect(deriveCode('spring', 'clerk-1', 1)).not.toBe(deriveCode('spring', 'clerk-1', 0));
  });

  it('does not collide across 20,000 sharers of one campaign', () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => deriveCode('big-campaign', `user-${i}`)));
    expect(codes.size).toBe(20_000);
  });

  it('reads forgivingly: case, spaces, dashes and O/I/L for 0/1', () => {
    const code = formatCode(0);
    expect(code).toBe('Q0000000000');
    expect(parseCode('q000-000 0000')).toEqual({ ok: true, code });
    expect(parseCode('QOOOOOOOOOO')).toEqual({ ok: true, code });
    const one = formatCode(1 + 32 + 1024);
    expect(parseCode(one.replace(/1/g, 'l').toLowerCase())).toEqual({ ok: true, code: one });
  });

  it('catches any single wrong character and any swap of neighbours', () => {
    fc.assert(
      fc.property(id, id, fc.nat(CODE_LENGTH - 2), fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'), (campaign, sharer, pos, ch) => {
        const code = deriveCode(campaign, sharer);
        const i = pos + 1; // never the prefix
        if (code[i] !== ch && !(['0', 'Z'].includes(ch) && ['0', 'Z'].includes(code[i]!))) {
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          expect(parseCode(typo).ok).toBe(false);
        }
        const j = Math.min(i, CODE_LENGTH - 2);
        const swapped = code.slice(0, j) + code[j + 1] + code[j] + code.slice(j + 2);
        if (swapped !== code && Math.abs(parseInt(code[j]!, 36) - parseInt(code[j + 1]!, 36)) !== 0) {
          const a = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(code[j]!);
          const b = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(code[j + 1]!);
          if (Math.abs(a - b) !== 31) expect(parseCode(swapped).ok).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [undefined, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['Q', 'bad_shape'],
    ['X0000000000', 'bad_shape'],
    ['Q00000000000', 'too_long'],
    ['Q000000000', 'bad_shape'],
    ['Q0000000U00', 'bad_chars'],
    ['Q00000*0000', 'bad_chars'],
    ['有中文的码', 'bad_chars'],
    ['Q'.repeat(65), 'too_long'],
    ['Q0000000001', 'bad_check'],
  ])('refuses %j as %s', (raw, problem) => {
    expect(parseCode(raw)).toEqual({ ok: false, problem });
  });

  it('refuses a scene the real API would refuse: over 32 characters or outside its set', () => {
    expect(fitsScene('a'.repeat(32))).toBe(true);
    expect(fitsScene('a'.repeat(33))).toBe(false);
    expect(fitsScene('a b')).toBe(false);
    expect(fitsWecomState('a'.repeat(30))).toBe(true);
    expect(fitsWecomState('a'.repeat(31))).toBe(false);
  });
});

describe('coupon codes', () => {
  it('round-trip from any random bytes, with a check character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 11, maxLength: 11 }), (bytes) => {
        const code = couponCodeFromBytes(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
        expect(parseCouponCode(code)).toBe(code);
        expect(parseCouponCode(groupCouponCode(code).toLowerCase())).toBe(code);
      }),
    );
  });

  it('refuses a wrong length, a wrong check character and strange characters', () => {
    const code = couponCodeFromBytes(new Uint8Array(11).fill(7));
    expect(parseCouponCode(code.slice(1))).toBeNull();
    expect(parseCouponCode(code.slice(0, 11) + (code[11] === 'A' ? 'B' : 'A'))).toBeNull();
    expect(parseCouponCode('ABCD*EFGHJKM')).toBeNull();
    expect(parseCouponCode(42)).toBeNull();
    expect(() => couponCodeFromBytes([1, 2, 3])).toThrow(RangeError);
  });
});

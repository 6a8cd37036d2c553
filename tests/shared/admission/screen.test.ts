import { ADMISSION_RULES, DEFAULT_ADMISSION_RULES, screen } from '../../../shared/admission';
import type { AdmissionFacts } from '../../../shared/admission';

const facts = (over: Partial<AdmissionFacts> = {}): AdmissionFacts => ({
  creditCode: '91330100799655058B',
  desiredLevel: 'B',
  region: 'east',
  districtCode: '330106',
  stores: 3,
  annualSalesFen: 200_000_000,
  documents: { licence: 'cloud://licence.jpg' },
  blacklisted: null,
  dealersWithCode: [],
  earlierApplications: 0,
  regionDealersByLevel: { B: 10 },
  districtDealersAtLevel: [],
  ...over,
});

describe('admission screening', () => {
  it('sends a clean application to review with every rule’s contribution shown', () => {
    const s = screen(DEFAULT_ADMISSION_RULES, facts());
    expect(s.outcome).toBe('review');
    expect(s.contributions.map((c) => c.code).sort()).toEqual(Object.keys(ADMISSION_RULES).sort());
    expect(s.contributions.every((c) => c.note.length > 0)).toBe(true);
    expect(s.reasons).toEqual([]);
    expect(s.score).toBe(50 + s.contributions.reduce((sum, c) => sum + c.points, 0));
  });

  it('rejects a blacklisted company, a full region quota and too small a business, with every reason', () => {
    const s = screen(DEFAULT_ADMISSION_RULES, facts({ blacklisted: { reason: '曾严重窜货' }, regionDealersByLevel: { B: 40 }, stores: 0 }));
    expect(s.outcome).toBe('rejected');
    expect(s.reasons.join('；')).toMatch(/曾严重窜货/);
    expect(s.reasons.join('；')).toMatch(/已满（40\/40）/);
    expect(s.reasons.join('；')).toMatch(/门店数 0 家/);
  });

  it('asks for the business licence when it is missing', () => {
    const s = screen(DEFAULT_ADMISSION_RULES, facts({ documents: {} }));
    expect(s.outcome).toBe('needs_info');
    expect(s.missing).toEqual(['营业执照']);
  });

  it('sends a duplicate credit code to review with that reason and fewer points', () => {
    const clean = screen(DEFAULT_ADMISSION_RULES, facts());
    const s = screen(DEFAULT_ADMISSION_RULES, facts({ dealersWithCode: ['杭州恒泰商贸有限公司'] }));
    expect(s.outcome).toBe('review');
    expect(s.reasons).toEqual(['统一社会信用代码重复：已是经销商「杭州恒泰商贸有限公司」']);
    expect(s.score).toBe(clean.score - 30);
  });

  it('flags a dealer of the same level in the district for a person to judge', () => {
    const s = screen(DEFAULT_ADMISSION_RULES, facts({ districtDealersAtLevel: ['西湖区某商贸'] }));
    expect(s.outcome).toBe('review');
    expect(s.contributions.find((c) => c.code === 'district_conflict')).toMatchObject({ outcome: 'review', points: -15 });
  });

  it.each(Object.values(ADMISSION_RULES).map((r) => [r.code, r] as const))('rule %s: its worked example parses', (_code, rule) => {
    expect(rule.args.safeParse(rule.example).success).toBe(true);
  });

  it('hands an unknown rule or broken args to a person instead of deciding', () => {
    const s = screen(
      [
        { code: 'nope', args: {} },
        { code: 'minimum_scale', args: { minStores: -1 } },
      ],
      facts(),
    );
    expect(s.outcome).toBe('review');
    expect(s.contributions.map((c) => c.points)).toEqual([0, 0]);
  });
});

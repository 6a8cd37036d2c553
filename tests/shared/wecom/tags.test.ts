import fc from 'fast-check';
import { MAX_TAG_NAME, charLength, fitName, fitNameWithId, planTags, wantedTags } from '../../../shared/wecom';

describe('tag names', () => {
  it('are never longer than 30 characters, whatever the label', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.stringMatching(/^[a-z0-9_-]{1,40}$/), (label, id) => {
        expect(charLength(fitName(label))).toBeLessThanOrEqual(MAX_TAG_NAME);
        expect(charLength(fitNameWithId(label, id))).toBeLessThanOrEqual(MAX_TAG_NAME);
      }),
    );
  });

  it('keep the id of a clerk tag when the name is long, so two clerks with one name stay two tags', () => {
    const long = '欧阳'.repeat(20);
    expect(fitNameWithId(long, 'zhangwei01').endsWith('·zhangwei01')).toBe(true);
    expect(fitNameWithId('张伟', 'a')).not.toBe(fitNameWithId('张伟', 'b'));
  });

  it('one relation wants a channel, a clerk and (with a code) a campaign tag', () => {
    expect(
      wantedTags({ dealer: { id: 'd1', name: '杭州恒泰商贸有限公司' }, clerk: { userId: 'zxl', name: '张晓丽' }, campaign: { id: 'c1', name: '冬季暖饮节' } }),
    ).toEqual([
      { kind: 'channel', group: '渠道', name: '杭州恒泰商贸有限公司' },
      { kind: 'clerk', group: '导购', name: '张晓丽·zxl' },
      { kind: 'campaign', group: '活动', name: '冬季暖饮节' },
    ]);
    expect(wantedTags({ dealer: null, clerk: null, campaign: null })).toEqual([{ kind: 'channel', group: '渠道', name: '品牌直营' }]);
  });
});

describe('planTags', () => {
  const wanted = wantedTags({ dealer: { id: 'd1', name: '恒泰' }, clerk: { userId: 'z', name: '张' }, campaign: { id: 'c1', name: '冬季' } });

  it('uses existing tags and creates the missing ones in their groups', () => {
    const plan = planTags(wanted, [{ groupId: 'g1', groupName: '渠道', tags: [{ id: 't1', name: '恒泰' }] }]);
    expect(plan.existing).toEqual({ '渠道/恒泰': 't1' });
    expect(plan.create).toEqual([
      { groupName: '导购', groupId: null, names: ['张·z'] },
      { groupName: '活动', groupId: null, names: ['冬季'] },
    ]);
    expect(plan.overLimit).toEqual([]);
  });

  it("never plans past the corp's tag limit", () => {
    const full = [{ groupId: 'g1', groupName: '渠道', tags: Array.from({ length: 2999 }, (_, i) => ({ id: `t${i}`, name: `n${i}` })) }];
    const plan = planTags(wanted, full);
    expect(plan.create.flatMap((c) => c.names)).toHaveLength(1);
    expect(plan.overLimit).toHaveLength(2);
  });
});

/**
 * The personal-information notice of the lead form (个人信息保护法 arts. 14, 17: purpose, retention,
 * how to withdraw, stated before collecting; consent given by an explicit act). The version is
 * recorded with each lead, so which text a consumer agreed to is known after the text changes:
 * change VERSION whenever a word of the notice or the policy changes.
 */
export const LEAD_PRIVACY = {
  version: '2026-12-01',
  /** What the mobile number is for. */
  purpose: '仅用于发放和核销本次活动优惠券，以及推荐门店就本次活动与您联系',
  /** How long a lead's mobile number is kept. */
  retentionDays: 180,
  controller: '青禾饮品（品牌方）及为您推荐的门店',
} as const;

/** The one-paragraph notice shown above the consent box. */
export function leadNoticeText(): string {
  return `我们收集您的称呼和手机号，${LEAD_PRIVACY.purpose}；活动结束后保存 ${LEAD_PRIVACY.retentionDays} 天即删除。您可随时在优惠券页面撤回同意，撤回后手机号立即删除。`;
}

/** The privacy policy of the campaign pages, section by section (the policy page renders it). */
export const LEAD_PRIVACY_POLICY: readonly { title: string; body: string }[] = [
  { title: '谁在处理您的信息', body: `${LEAD_PRIVACY.controller}。` },
  { title: '收集哪些信息', body: '您填写的称呼和手机号；您打开活动页、领取和使用优惠券的记录（与微信提供的匿名标识关联）。' },
  { title: '用于什么目的', body: `${LEAD_PRIVACY.purpose}。不用于其他营销，不出售，不向上述以外的第三方提供。` },
  { title: '保存多久', body: `活动结束后 ${LEAD_PRIVACY.retentionDays} 天内删除手机号；优惠券的使用记录按财务规定保存。` },
  {
    title: '您的权利',
    body: '您可以查阅您留下的信息，可以随时撤回同意：在优惠券页面点「撤回同意」，手机号立即删除，已领取的优惠券仍可使用。也可联系推荐门店办理。',
  },
  { title: '版本', body: `本说明版本 ${LEAD_PRIVACY.version}。内容变化时，我们会在您下次留资前请您重新阅读并同意。` },
];

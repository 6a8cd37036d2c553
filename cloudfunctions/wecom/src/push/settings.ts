import type { BudgetRule } from '@shared/wecom/push';
import { parseBudgetRule } from '@shared/wecom/push';

/**
 * Settings of 总部一键下发, from the function's environment:
 * WECOM_GROUPMSG_RULE      the corp's 群发规则 in WeCom (群发助手 → 设置群发规则): month_days (default,
 *                          每月当月天数条), week_7 (每周七条) or day_1 (每天一条)
 * WECOM_MINIPROGRAM_APPID  the mini-program's appid; it must be linked to the corp (企业微信管理后台 →
 *                          应用管理 → 小程序), as add_msg_template's miniprogram attachment requires
 */
export function pushSettings(env: NodeJS.ProcessEnv = process.env): { rule: BudgetRule; appid: string } {
  return { rule: parseBudgetRule(env['WECOM_GROUPMSG_RULE']), appid: env['WECOM_MINIPROGRAM_APPID'] || 'wx0000000000000000' };
}

/** The campaign landing page (the page every campaign code opens). */
export const LANDING_PAGE = 'packages/campaign/landing/index';

import { isPayCallback } from '@shared/payments/wxpay';
import { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { sdkDatabase, wxContext } from '../../_kit/sdk';
import { onPayCallback } from '../../_capabilities/wxpay';

type Main = (event: unknown, context?: { request_id?: string }) => Promise<unknown>;

/**
 * The orders function is also cloud payment's callback function (unifiedOrder's functionName):
 * the platform invokes it with the payment result as the event, SOURCE wx_paycallback and no
 * OPENID, and wants { errcode: 0 } back. Such an event is answered here, before the router (which
 * would refuse a call without an OPENID); anything else goes to the router. The result is checked
 * against WeChat Pay's queryOrder, so an event that merely looks like one records nothing.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/open/pay/paymentCallback.md
 */
export function withPayCallback(router: Main): Main {
  return async (event, context) => {
    const ctx = wxContext();
    if (ctx.SOURCE !== 'wx_paycallback' || ctx.OPENID) return router(event, context);
    if (!isPayCallback(event)) return { errcode: 1, errmsg: 'not a payment result' };
    try {
      return await onPayCallback(new Db(sdkDatabase()), event, Date.now());
    } catch (e) {
      log.error('pay callback failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return { errcode: 2, errmsg: 'internal error; deliver again' };
    }
  };
}

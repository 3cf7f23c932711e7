// Starts a payment for an order with the parameters the server signed. Inside WeChat: the JSAPI
// cashier. Outside WeChat in dev mode: the WeChat sandbox's cashier page. Either way the
// resident lands on the result page, which asks the server, never the client, whether it was paid.
import { post, orderPath } from './api.js';

const leaving = () => new Promise(() => {});

function bridgeReady() {
  if (window.WeixinJSBridge) return Promise.resolve(window.WeixinJSBridge);
  return new Promise((resolve, reject) => {
    document.addEventListener('WeixinJSBridgeReady', () => resolve(window.WeixinJSBridge), { once: true });
    setTimeout(() => reject(new Error('微信支付暂不可用，请稍后再试')), 10000);
  });
}

export function resultUrl(orderNo) {
  return location.origin + '/h5/pay-result?orderNo=' + encodeURIComponent(orderNo);
}

/** Navigates away to pay (never settles then); rejects with a message the resident can act on. */
export async function startPayment(orderNo) {
  const p = await post(orderPath(orderNo) + '/pay');
  const result = resultUrl(orderNo);
  if (/MicroMessenger/i.test(navigator.userAgent)) {
    const bridge = await bridgeReady();
    const res = await new Promise((resolve) => bridge.invoke('getBrandWCPayRequest', {
      appId: p.appId,
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType,
      paySign: p.paySign,
    }, resolve));
    if (res && res.err_msg === 'get_brand_wcpay_request:cancel') {
      throw new Error('您取消了支付。订单已保留，可以随时重新支付。');
    }
    location.href = result;
    return leaving();
  }
  if (p.cashierUrl) {
    location.href = p.cashierUrl + (p.cashierUrl.includes('?') ? '&' : '?') + 'return=' + encodeURIComponent(result);
    return leaving();
  }
  throw new Error('请在微信中打开本页面完成支付。');
}

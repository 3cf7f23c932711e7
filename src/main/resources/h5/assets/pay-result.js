// /h5/pay-result?orderNo=: whatever the cashier said, only the server knows whether the order
// is paid (its WeChat Pay notify or its own query). Ask it every 1.5 s for up to a minute.
import { get, requireSession, param, show, yuan, showError, orderPath, STATUS_LABELS } from './api.js';
import { loadDraft, clearDraft } from './form.js';
import { startPayment } from './pay.js';

const POLL_MS = 1500;
const GIVE_UP_MS = 60000;
const UNPAID = ['PENDING_PAYMENT'];
const DEAD = ['CANCELLED', 'CLOSED', 'REFUNDING', 'REFUNDED'];
const orderNo = param('orderNo');
const repay = document.getElementById('repay-button');

function setState(state, title, desc) {
  document.getElementById('result').dataset.state = state;
  for (const s of ['waiting', 'paid', 'unpaid', 'closed']) {
    document.getElementById('icon-' + s).hidden = s !== state;
  }
  show('result-title', title);
  show('result-desc', desc);
  repay.hidden = state !== 'unpaid';
}

function showOrder(order) {
  show('r-order-no', order.orderNo);
  show('r-status', STATUS_LABELS[order.status] || order.status).dataset.status = order.status;
  show('r-amount', yuan(order.amountFen));
}

async function fetchOrder() {
  try {
    return await get(orderPath(orderNo));
  } catch (e) {
    if (e.status === 0 || e.status >= 500) return null;
    throw e;
  }
}

async function poll() {
  const started = Date.now();
  for (;;) {
    // A dropped connection (null) is no answer: keep asking until the minute is up.
    const order = await fetchOrder();
    if (order) showOrder(order);
    if (order && DEAD.includes(order.status)) {
      setState('closed', `订单${STATUS_LABELS[order.status]}`,
        '这个订单已不能支付。如果您已经付款，款项会自动全额原路退回。需要报告请重新下单。');
      return;
    }
    if (order && !UNPAID.includes(order.status)) {
      const draft = loadDraft();
      if (draft && draft.orderNo === orderNo) clearDraft();
      setState('paid', '支付成功', '采样点会在报告出来后打包，交给中国邮政 EMS 寄出。寄出后可在订单详情查看运单号。');
      return;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      setState('unpaid', '暂未确认到支付',
        '如果您已经付款，系统会自动向微信支付核实，请稍后在“我的订单”查看，不要重复付款。如果还没有付款，可以重新支付。');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

repay.addEventListener('click', () => {
  repay.disabled = true;
  startPayment(orderNo).catch((e) => {
    showError('page-error', e);
    repay.disabled = false;
  });
});

if (!orderNo) {
  setState('closed', '没有找到订单', '请从“我的订单”进入。');
} else {
  document.getElementById('detail-link').href = '/h5/orders/' + encodeURIComponent(orderNo);
  requireSession().then(poll).catch((e) => {
    setState('unpaid', '暂时查不到支付结果', '请稍后在“我的订单”查看，不要重复付款。');
    showError('page-error', e);
  });
}

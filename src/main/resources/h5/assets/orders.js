// /h5/orders: the resident's orders, newest first, as the server lists them.
import { get, requireSession, yuan, dateTime, el, showError, STATUS_LABELS } from './api.js';

const list = document.getElementById('order-list');

function item(order) {
  const link = el('a', 'weui-cell weui-cell_access h5-order');
  link.href = '/h5/orders/' + encodeURIComponent(order.orderNo);
  link.dataset.orderNo = order.orderNo;
  const body = el('div', 'weui-cell__bd');
  // Patient and destination first: two orders of one day are told apart by them.
  const who = [order.patientName, order.recipientCity ? `寄往${order.recipientCity}` : ''].filter(Boolean).join(' · ');
  body.append(
    el('p', 'h5-order__who', who),
    el('p', 'h5-order__meta', order.site ? order.site.name : ''),
    el('p', 'h5-order__meta', `订单号 ${order.orderNo}`),
    el('p', 'h5-order__meta', dateTime(order.createdAt)),
  );
  const side = el('div', 'weui-cell__ft h5-order__side');
  side.append(el('span', `h5-status h5-status_${order.status.toLowerCase()}`, STATUS_LABELS[order.status] || order.status),
    el('span', 'h5-order__amount', yuan(order.amountFen)));
  link.append(body, side);
  const li = el('li');
  li.append(link);
  return li;
}

async function start() {
  await requireSession();
  const orders = await get('/api/v1/orders');
  list.replaceChildren(...orders.map(item));
  list.setAttribute('aria-busy', 'false');
  list.hidden = orders.length === 0;
  document.getElementById('empty').hidden = orders.length > 0;
}

start().catch((e) => {
  list.hidden = true;
  showError('page-error', e);
});

// The refund desk: stuck refunds (retry, refunded offline with a note) and an operator's refund of an order.
import { act, api, dateTime, el, fenFromYuan, notice, pagedTable, STATUS_LABELS, withQuery, yuan } from './console.js';

const REFUND_STATUS = { PENDING: '处理中', SUCCESS: '已到账', PROBLEM: '微信未退回', OFFLINE: '线下已退' };
const KINDS = { FULL: '订单退款', PARTIAL: '售后/运营退款' };

function offlineForm(r) {
  const note = el('input', { name: 'note', placeholder: '线下退款说明（必填）', maxlength: 500, size: 24 });
  const form = el('form', { class: 'c-form-row' }, note, el('button', { type: 'submit' }, '记为线下已退款'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(form.querySelector('button'), async () => {
      await api.post(`/api/v1/ops/refunds/${encodeURIComponent(r.refundNo)}/offline`, { note: note.value });
      notice(`已记录线下退款：${r.refundNo}`);
      stuck.reload();
    });
  });
  return form;
}

const stuck = pagedTable(document.getElementById('rf-stuck'), {
  empty: '没有需要处理的退款',
  load: (cursor) => api.get(withQuery('/api/v1/ops/refunds', { cursor })),
  columns: [
    { label: '发起时间', cell: (r) => dateTime(r.createdAt) },
    { label: '退款单号', cell: (r) => r.refundNo },
    { label: '订单', cell: (r) => r.orderNo },
    { label: '类型', cell: (r) => KINDS[r.kind] },
    { label: '金额', cell: (r) => yuan(r.amountFen), class: 'c-num' },
    { label: '微信答复', cell: (r) => r.problem || (r.wechatStatus ? r.wechatStatus : '尚无答复') },
    {
      label: '操作',
      cell: (r) => el('div', {},
        el('button', {
          type: 'button',
          onclick: (e) => act(e.target, async () => {
            const after = await api.post(`/api/v1/ops/refunds/${encodeURIComponent(r.refundNo)}/retry`);
            notice(`已重新向微信支付发起：${after.refundNo}（${REFUND_STATUS[after.status]}）`);
            stuck.reload();
          }),
        }, '重试'),
        offlineForm(r)),
    },
  ],
});

const form = document.getElementById('rf-order');
const ledger = document.getElementById('rf-ledger');

async function showLedger(orderNo) {
  const o = await api.get(`/api/v1/ops/orders/${encodeURIComponent(orderNo)}/refunds`);
  ledger.replaceChildren(el('p', {}, `订单 ${o.orderNo} · ${STATUS_LABELS[o.status] || o.status} · 实付 ${yuan(o.paidFen)} · 还可退 ${yuan(o.leftFen)}`));
  const holder = el('div');
  ledger.append(holder);
  pagedTable(holder, {
    empty: '这笔订单还没有退款',
    load: async () => o.items,
    columns: [
      { label: '发起时间', cell: (r) => dateTime(r.createdAt) },
      { label: '退款单号', cell: (r) => r.refundNo },
      { label: '金额', cell: (r) => yuan(r.amountFen), class: 'c-num' },
      { label: '原因', cell: (r) => r.reason },
      { label: '发起人', cell: (r) => r.requestedBy },
      { label: '状态', cell: (r) => REFUND_STATUS[r.status] + (r.problem ? '：' + r.problem : '') },
    ],
  }).reload();
}

document.getElementById('rf-lookup').addEventListener('click', (e) => {
  const orderNo = form.elements.orderNo.value.trim();
  if (orderNo) act(e.target, () => showLedger(orderNo));
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = form.elements;
  const body = { reason: f.reason.value };
  if (f.amount.value.trim()) {
    body.amountFen = fenFromYuan(f.amount.value);
    if (Number.isNaN(body.amountFen)) {
      notice('金额请写成 5 或 5.50 这样的数字', true);
      return;
    }
  }
  const orderNo = f.orderNo.value.trim();
  act(form.querySelector('button[type=submit]'), async () => {
    const refund = await api.post(`/api/v1/ops/orders/${encodeURIComponent(orderNo)}/refunds`, body);
    notice(`已发起退款 ${refund.refundNo}`);
    await showLedger(orderNo);
  });
});

stuck.reload();

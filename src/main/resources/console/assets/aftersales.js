// After-sales cases: the list (oldest first), one case's conversation, reply and resolve.
import { act, api, dateTime, el, fenFromYuan, notice, pagedTable, STATUS_LABELS, withQuery, yuan } from './console.js';

const TYPES = { NOT_RECEIVED: '未收到报告', DAMAGED: '报告破损', WRONG_INFO: '信息有误', REFUND: '申请退款', OTHER: '其他' };
const CASE_STATUS = { OPEN: '待回复', ANSWERED: '已回复', RESOLVED: '已处理' };
const RESOLUTIONS = { RESHIP: '重新寄送', REFUND: '全额退款', PARTIAL_REFUND: '部分退款', NO_ACTION: '无需处理' };
const DAY = 24 * 3600 * 1000;

const statusSelect = document.getElementById('as-status');
const detail = document.getElementById('as-detail');
const replyForm = document.getElementById('as-reply');
const resolveForm = document.getElementById('as-resolve');
let current = null;

function statusCell(c) {
  const late = !c.firstRepliedAt && Date.now() - new Date(c.openedAt).getTime() > DAY;
  return el('span', {}, el('span', { class: 'c-badge' + (c.status === 'RESOLVED' ? ' c-badge_ok' : '') }, CASE_STATUS[c.status]),
    late ? el('span', { class: 'c-badge c-badge_warn' }, '超时') : null);
}

const table = pagedTable(document.getElementById('as-list'), {
  empty: '没有这个状态的售后申请',
  load: (cursor) => api.get(withQuery('/api/v1/ops/aftersales', { status: statusSelect.value, cursor })),
  columns: [
    { label: '申请时间', cell: (c) => dateTime(c.openedAt) },
    { label: '单号', cell: (c) => c.caseNo },
    { label: '类型', cell: (c) => TYPES[c.type] || c.type },
    { label: '订单状态', cell: (c) => STATUS_LABELS[c.order.status] || c.order.status },
    { label: '状态', cell: statusCell },
    { label: '', cell: (c) => el('button', { type: 'button', 'data-case': c.caseNo, onclick: () => open(c.caseNo) }, '查看') },
  ],
});

async function open(caseNo) {
  await act(null, async () => show(await api.get('/api/v1/ops/aftersales/' + encodeURIComponent(caseNo))));
}

function show(c) {
  current = c;
  detail.hidden = false;
  document.getElementById('as-title').textContent = `${c.caseNo} · ${TYPES[c.type] || c.type} · ${CASE_STATUS[c.status]}`;
  const o = c.order;
  document.getElementById('as-order').textContent = `订单 ${c.orderNo} · ${STATUS_LABELS[o.status] || o.status} · 实付 ${yuan(o.amountFen)}`
    + ` · 还可退 ${yuan(o.leftFen)}` + (o.reshipCount ? ` · 已补寄 ${o.reshipCount} 次` : '');
  document.getElementById('as-messages').replaceChildren(...c.messages.map((m) => el('li', { class: m.author === 'OPS' ? 'c-from_ops' : '' },
    el('div', { class: 'c-muted' }, (m.author === 'OPS' ? '客服 ' + (m.staff || '') : '居民') + ' · ' + dateTime(m.at)), m.body)));
  const resolution = document.getElementById('as-resolution');
  resolution.hidden = c.status !== 'RESOLVED';
  resolution.textContent = c.status === 'RESOLVED'
    ? `处理结果：${RESOLUTIONS[c.resolution]}${c.resolutionFen ? ' ' + yuan(c.resolutionFen) : ''}（${c.resolutionNote}，${c.resolvedBy}，${dateTime(c.resolvedAt)}）` : '';
  replyForm.hidden = c.status === 'RESOLVED';
  resolveForm.hidden = c.status === 'RESOLVED';
}

resolveForm.elements.resolution.addEventListener('change', () => {
  document.getElementById('as-amount-field').hidden = resolveForm.elements.resolution.value !== 'PARTIAL_REFUND';
});

replyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  act(replyForm.querySelector('button'), async () => {
    show(await api.post(`/api/v1/ops/aftersales/${encodeURIComponent(current.caseNo)}/reply`, { message: replyForm.elements.message.value }));
    replyForm.reset();
    notice('已回复，居民会收到通知');
    table.reload();
  });
});

resolveForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = resolveForm.elements;
  const body = { resolution: f.resolution.value, note: f.note.value };
  if (body.resolution === 'PARTIAL_REFUND') {
    body.amountFen = fenFromYuan(f.amount.value);
    if (Number.isNaN(body.amountFen)) {
      notice('请填写退款金额，例如 5 或 5.50', true);
      return;
    }
  }
  act(resolveForm.querySelector('button'), async () => {
    show(await api.post(`/api/v1/ops/aftersales/${encodeURIComponent(current.caseNo)}/resolve`, body));
    resolveForm.reset();
    document.getElementById('as-amount-field').hidden = true;
    notice('已处理：' + RESOLUTIONS[body.resolution]);
    table.reload();
  });
});

statusSelect.addEventListener('change', () => table.reload());
document.getElementById('as-refresh').addEventListener('click', () => table.reload());
table.reload();

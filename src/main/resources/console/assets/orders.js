// Customer-service search: find an order by number, waybill, full phone or ID number (through the
// server's keyed hashes), see it masked, and reveal one field at a time with a reason (audited).
import { act, api, dateTime, el, notice, pagedTable, STATUS_LABELS, withQuery, yuan } from './console.js';

const FIELDS = [
  ['patient.name', '就诊人'], ['patient.idNumber', '证件号'], ['patient.phone', '就诊人手机'],
  ['recipient.name', '收件人'], ['recipient.phone', '收件电话'], ['recipient.address', '详细地址'],
];

function masked(order, field) {
  const [group, key] = field.split('.');
  return order[group] ? order[group][key] : null;
}

function revealButton(order, field, valueCell) {
  return el('button', {
    type: 'button',
    'data-field': field,
    onclick: (e) => {
      const reason = document.getElementById('os-reason').value.trim();
      if (reason.length < 2) {
        notice('请先填写查看完整内容的原因（至少两个字）', true);
        document.getElementById('os-reason').focus();
        return;
      }
      act(e.target, async () => {
        const answer = await api.post(`/api/v1/ops/orders/${encodeURIComponent(order.orderNo)}/reveal`, { field, reason });
        valueCell.textContent = answer.value === null ? '（空）' : answer.value;
        e.target.hidden = true;
        notice('已显示完整内容，本次查看已记入审计日志');
      });
    },
  }, '查看完整');
}

async function showOrder(orderNo) {
  const o = await api.get(`/api/v1/ops/orders/${encodeURIComponent(orderNo)}`);
  document.getElementById('os-detail').hidden = false;
  document.getElementById('os-detail-title').textContent = `订单 ${o.orderNo}`;
  const facts = document.getElementById('os-facts');
  const rows = [
    ['状态', STATUS_LABELS[o.status] || o.status],
    ['采样点', (o.site && o.site.name) || o.site.code],
    ['金额', yuan(o.amountFen)],
    ['运单号', o.waybillNo || '—'],
    ['下单时间', dateTime(o.createdAt)],
    ['收件地区', [o.recipient.province, o.recipient.city, o.recipient.district].filter(Boolean).join(' ')],
  ];
  facts.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  if (o.personalDataErased) {
    facts.append(el('dt', {}, '个人信息'), el('dd', {}, '已按规定删除'));
    return;
  }
  for (const [field, label] of FIELDS) {
    const value = el('span', { class: 'c-mono' }, masked(o, field) || '—');
    facts.append(el('dt', {}, label), el('dd', {}, value, ' ', revealButton(o, field, value)));
  }
}

const results = pagedTable(document.getElementById('os-results'), {
  empty: '没有找到订单',
  load: async () => {
    const q = document.getElementById('os-q').value.trim();
    return q ? (await api.get(withQuery('/api/v1/ops/orders/search', { q }))).items : [];
  },
  columns: [
    { label: '订单号', cell: (o) => el('a', { href: '#', onclick: (e) => { e.preventDefault(); act(null, () => showOrder(o.orderNo)); } }, o.orderNo) },
    { label: '状态', cell: (o) => STATUS_LABELS[o.status] || o.status },
    { label: '采样点', cell: (o) => (o.site && o.site.name) || o.site.code },
    { label: '就诊人', cell: (o) => (o.patient && o.patient.name) || '—' },
    { label: '收件城市', cell: (o) => o.recipient.city || '—' },
    { label: '运单号', cell: (o) => o.waybillNo || '—' },
    { label: '下单时间', cell: (o) => dateTime(o.createdAt) },
  ],
});

document.getElementById('os-form').addEventListener('submit', (e) => {
  e.preventDefault();
  notice('');
  document.getElementById('os-detail').hidden = true;
  act(document.getElementById('os-search'), () => results.reload());
});

// /h5/orders/{orderNo}/aftersales: the resident's after-sales cases on one order, the answers
// from customer service and how each ended; and a form to open a new one.
import {
  get, post, orderNoFromPath, orderPath, show, el, yuan, dateTime, toast, showError, NEVER_PAID,
} from './api.js';

const TYPES = { NOT_RECEIVED: '没有收到报告', DAMAGED: '报告破损', WRONG_INFO: '信息有误', REFUND: '申请退款', OTHER: '其他问题' };
const STATUS = { OPEN: '等待客服回复', ANSWERED: '客服已回复', RESOLVED: '已处理' };
const RESOLUTIONS = { RESHIP: '报告将重新免费寄出', REFUND: '已全额退款', PARTIAL_REFUND: '已部分退款', NO_ACTION: '无需处理' };

const orderNo = orderNoFromPath();
const casesUrl = orderPath(orderNo) + '/aftersales';
const form = document.getElementById('case-form');
const fields = document.getElementById('case-fields');
const submit = document.getElementById('submit-button');
document.getElementById('back-link').href = '/h5/orders/' + encodeURIComponent(orderNo);

function renderCase(c) {
  const box = el('div', 'weui-cells h5-case');
  box.dataset.case = c.caseNo;
  const head = el('div', 'weui-cell h5-field');
  head.append(el('strong', null, `${TYPES[c.type] || c.type} · ${STATUS[c.status]}`), el('p', 'h5-hint', `申请号 ${c.caseNo} · ${dateTime(c.openedAt)}`));
  box.append(head);
  for (const m of c.messages) {
    const line = el('div', 'weui-cell h5-field h5-message' + (m.author === 'OPS' ? ' h5-message_ops' : ''));
    line.append(el('p', 'h5-hint', `${m.author === 'OPS' ? '客服' : '我'} · ${dateTime(m.at)}`), el('p', null, m.body));
    box.append(line);
  }
  if (c.status === 'RESOLVED') {
    const end = el('div', 'weui-cell h5-field');
    end.append(el('strong', null, `处理结果：${RESOLUTIONS[c.resolution] || c.resolution}${c.resolutionFen ? ' ' + yuan(c.resolutionFen) : ''}`));
    box.append(end);
  }
  return box;
}

async function load() {
  const [order, cases] = await Promise.all([get(orderPath(orderNo)), get(casesUrl)]);
  show('s-order', `订单号 ${order.orderNo}`);
  document.getElementById('cases').replaceChildren(...cases.map(renderCase));
  document.getElementById('no-cases').hidden = cases.length > 0;
  if (NEVER_PAID.includes(order.status)) {
    showError('page-error', '这笔订单没有付款，无需申请售后。如有疑问请联系客服。');
    return;
  }
  fields.disabled = false;
  submit.disabled = false;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const description = form.elements.description.value.trim();
  const error = document.getElementById('description-error');
  error.hidden = description.length >= 2;
  error.textContent = '请写明遇到的问题（至少 2 个字）';
  if (description.length < 2) return;
  submit.disabled = true;
  try {
    const created = await post(casesUrl, { type: form.elements.type.value, description });
    toast(`已提交，申请号 ${created.caseNo}`);
    form.reset();
    await load();
  } catch (err) {
    showError('page-error', err);
  } finally {
    submit.disabled = false;
  }
});

load().catch((err) => showError('page-error', err));

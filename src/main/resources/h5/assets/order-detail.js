// /h5/orders/{orderNo}: where the report is, with its timeline, its waybill number (to copy) and
// the EMS network's scans of it; pay, cancel or change the address while the order still allows it.
import {
  get, post, request, requireSession, orderNoFromPath, orderPath, show, el, yuan, dateTime, toast, showError,
  STATUS_LABELS, ID_TYPE_LABELS, ADDRESS_CHANGEABLE, CANCELLABLE, NEVER_PAID, rememberSite, dial,
} from './api.js';
import { startPayment } from './pay.js';

const HINTS = {
  PENDING_PAYMENT: '请在 30 分钟内完成支付，逾期订单自动关闭。',
  PAID: '报告出来后（一般采样后约 24 小时），采样点会打包交给邮政。',
  READY: '报告已打包，等待交给邮政。',
  HANDED_OVER: '邮政已收到报告，正在安排寄出。',
  POSTED: '报告已寄出，可凭运单号查询。',
  IN_TRANSIT: '报告正在运输途中。',
  OUT_FOR_DELIVERY: '快递员正在派送，请保持电话畅通。',
  DELIVERED: '报告已签收。',
  CANCELLED: '订单已取消。',
  CLOSED: '订单未在规定时间内支付，已关闭。',
  REFUNDING: '正在退款，款项将原路退回。',
  REFUNDED: '已退款，款项已原路退回。',
  DELIVERY_FAILED: '投递未成功，邮政会再次派送或联系您。',
  RETURNED: '报告已退回，请联系客服。',
};
const orderNo = orderNoFromPath();
const dialog = document.getElementById('cancel-dialog');
let order = null;

/** One step as the server words it for residents (已下单, 已交邮政 …): no mechanism, no internal number. */
function timelineEntry(event) {
  const li = el('li', 'weui-cell h5-timeline__item');
  li.dataset.status = event.to;
  const text = el('div', 'weui-cell__bd');
  text.append(el('p', 'h5-timeline__status', event.title || STATUS_LABELS[event.to] || ''));
  if (event.detail) text.append(el('p', 'h5-timeline__meta', event.detail));
  text.append(el('p', 'h5-timeline__meta', dateTime(event.at)));
  li.append(text);
  return li;
}

/** One scan of the EMS network under the waybill: what it says, where and when. */
function trailEntry(scan) {
  const li = el('li', 'weui-cell h5-trail__item');
  const text = el('div', 'weui-cell__bd');
  text.append(el('p', 'h5-trail__context', scan.context));
  text.append(el('p', 'h5-timeline__meta', [scan.areaName, dateTime(scan.at)].filter(Boolean).join(' · ')));
  li.append(text);
  return li;
}

/** WeChat's browser may lack the async clipboard; a selected field and execCommand work there. */
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      // fall through to the old way
    }
  }
  const field = el('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch (e) {
    copied = false;
  }
  field.remove();
  return copied;
}

function render() {
  show('d-status', STATUS_LABELS[order.status] || order.status).dataset.status = order.status;
  show('d-status-hint', HINTS[order.status] || '');
  show('d-waybill', order.waybillNo || '寄出后显示');
  document.getElementById('copy-waybill').hidden = !order.waybillNo;
  const trail = [...(order.carrierTrail || [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  document.getElementById('carrier-trail').replaceChildren(...trail.map(trailEntry));
  document.getElementById('trail-title').hidden = trail.length === 0;
  // In the order the moves happened, newest first: a scan or an offline report may carry a time
  // before the waybill was entered, yet the status it led to is the current one.
  const events = [...(order.timeline || [])].reverse();
  document.getElementById('timeline').replaceChildren(...events.map(timelineEntry));
  show('d-order-no', order.orderNo);
  show('d-created', dateTime(order.createdAt));
  show('d-amount', yuan(order.amountFen));
  show('d-site', order.site.name);
  renderSitePhone(order.site);
  const p = order.patient;
  // The number in a span of its own that never breaks: a resident reads it out to the site.
  document.getElementById('d-patient').replaceChildren(`${p.name}（${ID_TYPE_LABELS[p.idType] || ''} `,
    el('span', 'h5-number', p.idNumber), '）');
  show('d-sampled-on', order.sampledOn);
  show('d-copies', `${order.copies} 份`);
  show('d-remark', order.remark || '无');
  const r = order.recipient;
  show('d-recipient', `${r.name} ${r.phone}`);
  show('d-address', `${r.province}${r.city}${r.district}${r.address}`);
  document.getElementById('pay-button').hidden = order.status !== 'PENDING_PAYMENT';
  const address = document.getElementById('address-link');
  address.hidden = !ADDRESS_CHANGEABLE.includes(order.status);
  address.href = location.pathname.replace(/\/$/, '') + '/address';
  const aftersales = document.getElementById('aftersales-link');
  aftersales.hidden = NEVER_PAID.includes(order.status);
  aftersales.href = location.pathname.replace(/\/$/, '') + '/aftersales';
  document.getElementById('cancel-button').hidden = !CANCELLABLE.includes(order.status);
  renderPersonalData();
}

const ENDED = ['DELIVERED', 'RETURNED', 'REFUNDED', 'CLOSED', 'CANCELLED'];

/**
 * Personal data of an ended order: erased (after the retention period, or on request) it reads
 * 已删除; otherwise the resident may erase it now, after confirming. The button and its dialog are
 * made here so the page's markup stays as it is.
 */
function renderPersonalData() {
  let button = document.getElementById('erase-button');
  if (!button) {
    button = el('button', 'weui-btn weui-btn_default', '删除个人信息');
    button.type = 'button';
    button.id = 'erase-button';
    document.getElementById('cancel-button').after(button);
    button.addEventListener('click', confirmErase);
  }
  let notice = document.getElementById('erased-notice');
  if (order.personalDataErasedAt) {
    show('d-patient', '已删除');
    show('d-recipient', '已删除');
    const r = order.recipient;
    show('d-address', `${r.province}${r.city}${r.district}（详细地址已删除）`);
    if (!notice) {
      notice = el('p', 'h5-hint');
      notice.id = 'erased-notice';
      document.getElementById('d-status-hint').after(notice);
    }
    notice.textContent = `本订单的个人信息已于 ${dateTime(order.personalDataErasedAt)} 删除`;
  }
  button.hidden = Boolean(order.personalDataErasedAt) || !ENDED.includes(order.status);
}

function confirmErase() {
  let box = document.getElementById('erase-dialog');
  if (!box) {
    box = el('div', 'h5-dialog');
    box.id = 'erase-dialog';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    const panel = el('div', 'weui-dialog');
    const head = el('div', 'weui-dialog__hd');
    head.append(el('strong', 'weui-dialog__title', '删除个人信息'));
    const foot = el('div', 'weui-dialog__ft');
    const no = el('button', 'weui-dialog__btn weui-dialog__btn_default', '不删除');
    const yes = el('button', 'weui-dialog__btn weui-dialog__btn_primary', '确定删除');
    no.id = 'erase-no';
    yes.id = 'erase-yes';
    no.type = 'button';
    yes.type = 'button';
    foot.append(no, yes);
    panel.append(head, el('div', 'weui-dialog__bd',
      '删除后，就诊人的姓名、证件号、手机号和收件人的姓名、电话、详细地址将无法恢复；订单号和状态会保留。确定删除吗？'), foot);
    box.append(el('div', 'weui-mask'), panel);
    document.body.append(box);
    no.addEventListener('click', () => { box.hidden = true; });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        order = await request('DELETE', `${orderPath(orderNo)}/personal-data`);
        toast('个人信息已删除');
        render();
      } catch (err) {
        showError('page-error', err);
      } finally {
        box.hidden = true;
        yes.disabled = false;
      }
    });
  }
  box.hidden = false;
}

/** The test site's phone, to call about this report; the help page shows it too. */
function renderSitePhone(site) {
  document.getElementById('site-phone-row').hidden = !site.contactPhone;
  if (site.contactPhone) {
    show('site-phone', site.contactPhone).href = dial(site.contactPhone);
  }
  document.getElementById('help-link').href = '/h5/help?site=' + encodeURIComponent(site.code);
  rememberSite(site.code);
}

async function load() {
  order = await get(orderPath(orderNo));
  render();
}

document.getElementById('pay-button').addEventListener('click', (e) => {
  e.target.disabled = true;
  startPayment(orderNo).catch((err) => {
    showError('page-error', err);
    e.target.disabled = false;
  });
});
document.getElementById('copy-waybill').addEventListener('click', async () => {
  const copied = await copyText(order.waybillNo);
  toast(copied ? '运单号已复制' : '复制失败，请长按运单号复制');
});
document.getElementById('cancel-button').addEventListener('click', () => {
  show('cancel-text', order.status === 'PENDING_PAYMENT'
    ? '确定取消这个订单吗？'
    : '取消后报告不再寄送，已付的款项将全额原路退回。确定取消吗？');
  dialog.hidden = false;
});
document.getElementById('cancel-no').addEventListener('click', () => { dialog.hidden = true; });
document.getElementById('cancel-yes').addEventListener('click', async (e) => {
  e.target.disabled = true;
  try {
    const answer = await post(orderPath(orderNo) + '/cancel');
    toast(answer.status === 'REFUNDING' ? '已取消，正在退款' : '订单已取消');
    await load();
  } catch (err) {
    showError('page-error', err);
  } finally {
    dialog.hidden = true;
    e.target.disabled = false;
  }
});

requireSession().then(load).catch((e) => {
  show('d-status', e.status === 404 ? '没有找到这个订单' : '暂时无法加载订单');
  showError('page-error', e);
});

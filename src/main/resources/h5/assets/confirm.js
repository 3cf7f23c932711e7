// /h5/confirm: review what was typed, then create the order and pay. One idempotency key per
// submission is kept with the draft, so a double tap, a retry after a timeout or a reload can
// never create a second order.
import {
  post, requireSession, show, el, yuan, dateTime, showError, ID_TYPE_LABELS, STATUS_LABELS,
} from './api.js';
import { feeFor } from './validate.js';
import { loadDraft, storeDraft, orderBody, newIdempotencyKey } from './form.js';
import { startPayment } from './pay.js';

const button = document.getElementById('pay-button');
const draft = loadDraft();
let busy = false;

function render() {
  const body = orderBody(draft.values);
  const { site } = draft;
  show('s-site', site.name);
  show('s-site-address', site.address);
  show('s-patient-name', body.patient.name);
  document.getElementById('s-patient-id').replaceChildren(`${ID_TYPE_LABELS[body.patient.idType]} `,
    el('span', 'h5-number', body.patient.idNumber));
  show('s-patient-phone', body.patient.phone);
  show('s-sampled-on', body.sampledOn);
  const r = body.recipient;
  show('s-recipient', `${r.name} ${r.phone}`);
  show('s-address', `${r.province}${r.city}${r.district}${r.address}`);
  show('s-copies', `${body.copies} 份`);
  show('s-remark', body.remark || '无');
  show('total-fee', yuan(feeFor(site, r.province, site.city.province)));
  document.getElementById('back-link').href = '/h5/order?site=' + encodeURIComponent(site.code);
  button.disabled = false;
}

async function submit() {
  const current = loadDraft();
  if (!current.key) {
    current.key = newIdempotencyKey();
    storeDraft(current);
  }
  if (!current.orderNo) {
    const body = orderBody(current.values);
    // Only after the resident saw the warning about the open order and chose to order again.
    if (current.confirmDuplicate) body.confirmDuplicate = true;
    const order = await post('/api/v1/orders', body, { 'Idempotency-Key': current.key });
    current.orderNo = order.orderNo;
    storeDraft(current);
    show('total-fee', yuan(order.amountFen));
  }
  await startPayment(current.orderNo);
}

/** The server found an open order for this patient and sample date: say which, and let them choose. */
function warnDuplicate(existing) {
  const body = orderBody(draft.values);
  show('duplicate-text', `${existing.patientName || body.patient.name} 在 ${body.sampledOn} 采样的报告已经有订单 `
    + `${existing.orderNo}（${STATUS_LABELS[existing.status] || existing.status}，${dateTime(existing.createdAt)} 下单`
    + `${existing.recipientCity ? '，寄往' + existing.recipientCity : ''}）。同一份报告一般不需要再寄，确定还要再下一单吗？`);
  document.getElementById('duplicate-view').href = '/h5/orders/' + encodeURIComponent(existing.orderNo);
  document.getElementById('duplicate-dialog').hidden = false;
}

function send() {
  if (busy) return;
  busy = true;
  button.disabled = true;
  button.classList.add('weui-btn_loading');
  submit().catch((e) => {
    if (e.problem && e.problem.type === 'duplicate-order' && e.problem.existingOrder) {
      warnDuplicate(e.problem.existingOrder);
    } else {
      refused(e);
    }
    busy = false;
    button.disabled = false;
    button.classList.remove('weui-btn_loading');
  });
}

/** A refused field goes back to the form, where its message stands next to it; anything else shows here. */
function refused(e) {
  const errors = e.fieldErrors ? e.fieldErrors() : {};
  if (Object.keys(errors).length) {
    storeDraft({ ...loadDraft(), serverErrors: errors });
    location.href = document.getElementById('back-link').href;
    return;
  }
  showError('page-error', e);
}

button.addEventListener('click', send);
document.getElementById('duplicate-confirm').addEventListener('click', () => {
  document.getElementById('duplicate-dialog').hidden = true;
  storeDraft({ ...loadDraft(), confirmDuplicate: true });
  send();
});

if (!draft || !draft.values || !draft.site) {
  location.replace('/h5/order');
} else {
  render();
  // What is shown comes from this tab's draft; without a session (401) sign in now, not at the tap.
  requireSession().catch(() => {});
}

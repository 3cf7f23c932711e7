// /h5/confirm: review what was typed, then create the order and pay. One idempotency key per
// submission is kept with the draft, so a double tap, a retry after a timeout or a reload can
// never create a second order.
import { post, requireSession, show, yuan, showError, ID_TYPE_LABELS } from './api.js';
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
  show('s-patient-id', `${ID_TYPE_LABELS[body.patient.idType]} ${body.patient.idNumber}`);
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
    const order = await post('/api/v1/orders', orderBody(current.values), { 'Idempotency-Key': current.key });
    current.orderNo = order.orderNo;
    storeDraft(current);
    show('total-fee', yuan(order.amountFen));
  }
  await startPayment(current.orderNo);
}

button.addEventListener('click', () => {
  if (busy) return;
  busy = true;
  button.disabled = true;
  button.classList.add('weui-btn_loading');
  submit().catch((e) => {
    const errors = e.fieldErrors ? e.fieldErrors() : {};
    if (Object.keys(errors).length) {
      // Back to the form, where each message stands next to its field.
      storeDraft({ ...loadDraft(), serverErrors: errors });
      location.href = document.getElementById('back-link').href;
      return;
    }
    showError('page-error', e);
    busy = false;
    button.disabled = false;
    button.classList.remove('weui-btn_loading');
  });
});

if (!draft || !draft.values || !draft.site) {
  location.replace('/h5/order');
} else {
  render();
  // What is shown comes from this tab's draft; without a session (401) sign in now, not at the tap.
  requireSession().catch(() => {});
}

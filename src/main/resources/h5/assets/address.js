// /h5/orders/{orderNo}/address: change where the report goes, until it is in the post.
import {
  get, put, requireSession, orderNoFromPath, orderPath, show, toast, showError, ADDRESS_CHANGEABLE,
} from './api.js';
import { PROVINCES } from './validate.js';
import { bindForm, RECIPIENT_RULES, recipientBody } from './form.js';

const orderNo = orderNoFromPath();
const form = document.getElementById('address-form');
const fieldset = document.getElementById('address-fields');
const save = document.getElementById('save-button');
const fields = bindForm(form, RECIPIENT_RULES);
const detailUrl = '/h5/orders/' + encodeURIComponent(orderNo);

async function load() {
  const order = await get(orderPath(orderNo));
  show('a-order', `订单号 ${order.orderNo}`);
  const r = order.recipient;
  fields.fill({
    'recipient.name': r.name, 'recipient.phone': r.phone, 'recipient.province': r.province,
    'recipient.city': r.city, 'recipient.district': r.district, 'recipient.address': r.address,
  });
  if (!ADDRESS_CHANGEABLE.includes(order.status)) {
    showError('page-error', '报告已经寄出，不能再修改地址。如需帮助请联系客服。');
    return;
  }
  fieldset.disabled = false;
  save.disabled = false;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  if (fields.validateAll()) return;
  save.disabled = true;
  try {
    await put(orderPath(orderNo) + '/recipient', recipientBody(fields.values()));
    toast('地址已修改');
    setTimeout(() => location.assign(detailUrl), 800);
  } catch (err) {
    // The recipient body is the object itself, so the server names fields without the prefix.
    const errors = Object.fromEntries(Object.entries(err.fieldErrors ? err.fieldErrors() : {})
      .map(([field, message]) => ['recipient.' + field, message]));
    const rest = fields.showErrors(errors);
    if (rest.length || !Object.keys(errors).length) showError('page-error', rest.length ? rest.join('；') : err);
    save.disabled = false;
  }
});

document.getElementById('back-link').href = detailUrl;
fields.field('recipient.province').append(...PROVINCES.map((p) => new Option(p, p)));
requireSession().then(load).catch((e) => showError('page-error', e));

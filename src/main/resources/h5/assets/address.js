// /h5/orders/{orderNo}/address: change where the report goes, until it is in the post.
import {
  get, put, requireSession, orderNoFromPath, orderPath, show, toast, showError, ADDRESS_CHANGEABLE,
} from './api.js';
import { bindForm, RECIPIENT_RULES, recipientBody } from './form.js';
import { bindPicker } from './divisions.js';

const orderNo = orderNoFromPath();
const form = document.getElementById('address-form');
const fieldset = document.getElementById('address-fields');
const save = document.getElementById('save-button');
const fields = bindForm(form, RECIPIENT_RULES);
const picker = bindPicker(form);
const detailUrl = '/h5/orders/' + encodeURIComponent(orderNo);
/** This page's own words for what the server may refuse here. */
const REFUSALS = {
  409: '报告已经寄出，地址不能再修改。如需帮助请联系采样点或客服。',
  'recipient.provinceCode': '改寄到山西省内外会改变邮寄费，不能直接修改；请取消订单后重新下单。',
};

async function load() {
  const order = await get(orderPath(orderNo));
  show('a-order', `订单号 ${order.orderNo}`);
  const r = order.recipient;
  fields.fill({
    'recipient.name': r.name, 'recipient.phone': r.phone, 'recipient.address': r.address,
  });
  await picker.set(r);
  if (!ADDRESS_CHANGEABLE.includes(order.status)) {
    showError('page-error', order.status === 'DELIVERED'
      ? '报告已签收，地址不能再修改。'
      : '报告已经寄出，地址不能再修改。如需帮助请联系采样点或客服。');
    form.classList.add('h5-form_locked');
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
    const errors = err.fieldErrors ? err.fieldErrors('recipient.', REFUSALS) : {};
    const rest = fields.showErrors(errors);
    if (rest.length || !Object.keys(errors).length) {
      showError('page-error', rest.length ? rest.join('；') : (err.say ? err.say(REFUSALS) : err));
    }
    save.disabled = false;
  }
});

document.getElementById('back-link').href = detailUrl;
requireSession().then(load).catch((e) => showError('page-error', e));

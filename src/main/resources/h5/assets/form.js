// Form fields named by their JSON path ("patient.idNumber"), so the server's field errors land
// next to the field they name. Also the order draft kept in sessionStorage while the resident
// moves between the form and the review page.
import * as v from './validate.js';

const text = (min, max, what) => (value) => v.text(value, min, max, what);

export const RECIPIENT_RULES = {
  'recipient.name': text(1, 30, '收件人姓名'),
  'recipient.phone': v.mobile,
  'recipient.provinceCode': (value) => (value ? '' : '请选择省份'),
  'recipient.cityCode': (value) => (value ? '' : '请选择城市'),
  'recipient.districtCode': (value) => (value ? '' : '请选择区县'),
  'recipient.address': text(5, 120, '详细地址'),
};

export const ORDER_RULES = {
  cityCode: (value) => (value ? '' : '请选择采样点所在城市'),
  siteCode: (value) => (value ? '' : '请选择采样点'),
  'patient.name': text(1, 30, '就诊人姓名'),
  'patient.idType': (value) => (value ? '' : '请选择证件类型'),
  'patient.idNumber': (value, all) => v.idNumber(all['patient.idType'], value),
  'patient.phone': v.mobile,
  sampledOn: (value) => v.sampledOn(value),
  ...RECIPIENT_RULES,
  copies: v.copies,
  remark: v.remark,
};

/** Re-check these when the named field changes. */
const DEPENDENTS = { 'patient.idType': ['patient.idNumber'] };

export function bindForm(form, rules, onChange = () => {}) {
  const fields = () => [...form.querySelectorAll('[name]')];
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const touched = new Set();
  const values = () => Object.fromEntries(fields().map((f) => [f.name, f.value]));

  function setError(name, message) {
    const input = field(name);
    const slot = document.getElementById('err-' + name);
    if (!input || !slot) return false;
    slot.textContent = message || '';
    slot.hidden = !message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    input.closest('.h5-field').classList.toggle('h5-field_warn', Boolean(message));
    return true;
  }

  function check(name) {
    const rule = rules[name];
    const message = rule ? rule(field(name).value, values()) : '';
    setError(name, message);
    return message;
  }

  function recheck(name) {
    if (touched.has(name)) check(name);
    for (const other of DEPENDENTS[name] || []) if (touched.has(other)) check(other);
  }

  form.addEventListener('input', (e) => { recheck(e.target.name); onChange(values()); });
  form.addEventListener('change', (e) => { touched.add(e.target.name); recheck(e.target.name); onChange(values()); });
  form.addEventListener('focusout', (e) => { if (e.target.name && e.target.value) { touched.add(e.target.name); check(e.target.name); } });

  return {
    values,
    field,
    /** Checks every field; focuses and answers the first bad one, or null. */
    validateAll() {
      let first = null;
      for (const f of fields()) {
        touched.add(f.name);
        if (check(f.name) && !first) first = f;
      }
      if (first) first.focus();
      return first;
    },
    /** Shows errors by field path; answers those that match no field here. */
    showErrors(errors) {
      const rest = [];
      for (const [name, message] of Object.entries(errors)) {
        if (!setError(name, message)) rest.push(message);
      }
      return rest;
    },
    fill(data) {
      for (const [name, value] of Object.entries(data)) {
        const input = field(name);
        if (input && value != null) input.value = value;
      }
    },
  };
}

export function recipientBody(values) {
  return {
    name: values['recipient.name'].trim(),
    phone: v.normaliseMobile(values['recipient.phone']),
    province: values['recipient.province'],
    city: values['recipient.city'],
    district: values['recipient.district'],
    provinceCode: values['recipient.provinceCode'],
    cityCode: values['recipient.cityCode'],
    districtCode: values['recipient.districtCode'],
    address: values['recipient.address'].trim(),
  };
}

export function orderBody(values) {
  return {
    siteCode: values.siteCode,
    patient: {
      name: values['patient.name'].trim(),
      idType: values['patient.idType'],
      idNumber: v.normaliseId(values['patient.idNumber']),
      phone: v.normaliseMobile(values['patient.phone']),
    },
    sampledOn: values.sampledOn,
    recipient: recipientBody(values),
    copies: Number(values.copies),
    remark: values.remark.trim(),
  };
}

const DRAFT = 'rp.orderDraft';

/** {values, site, key, orderNo, serverErrors} or null. */
export function loadDraft() {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFT));
  } catch (e) {
    return null;
  }
}

export function storeDraft(draft) {
  sessionStorage.setItem(DRAFT, JSON.stringify(draft));
}

/**
 * Keeps what was typed. The idempotency key and the order it created belong to exactly these
 * values: a changed form is a new submission and gets a new key when it is sent.
 */
export function saveValues(values, site) {
  const prev = loadDraft() || {};
  const same = JSON.stringify(prev.values) === JSON.stringify(values);
  storeDraft({ values, site, key: same ? prev.key : null, orderNo: same ? prev.orderNo : null });
}

export function clearDraft() {
  sessionStorage.removeItem(DRAFT);
}

/** A random key per submission attempt (works on plain http too, unlike crypto.randomUUID). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Order export: the server streams the file; the browser downloads it from the link.
import { api, el, STATUS_LABELS, withQuery } from './console.js';

const form = document.getElementById('export-form');
const reasonField = document.getElementById('export-reason-field');
const error = document.getElementById('export-error');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

form.elements.from.value = today;
form.elements.to.value = today;
for (const [code, label] of Object.entries(STATUS_LABELS)) form.elements.status.append(el('option', { value: code }, label));
for (const c of await api.get('/api/v1/cities')) form.elements.city.append(el('option', { value: c.code }, c.name));

form.elements.unmasked.addEventListener('change', () => { reasonField.hidden = !form.elements.unmasked.checked; });

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = form.elements;
  error.textContent = '';
  if (!f.from.value || !f.to.value) {
    error.textContent = '请选择开始和结束日期';
    return;
  }
  if (f.to.value < f.from.value) {
    error.textContent = '结束日期不能早于开始日期';
    return;
  }
  if (f.unmasked.checked && !f.reason.value.trim()) {
    error.textContent = '导出完整个人信息须填写原因';
    return;
  }
  const url = withQuery('/api/v1/ops/exports/orders', {
    from: f.from.value, to: f.to.value, city: f.city.value, status: f.status.value, format: f.format.value,
    unmasked: f.unmasked.checked ? 'true' : '', reason: f.unmasked.checked ? f.reason.value.trim() : '',
  });
  const link = el('a', { href: url, download: '' });
  document.body.append(link);
  link.click();
  link.remove();
});

// ADMIN: every site with its fees; edit one, or import a CSV and see each bad row.
import { act, api, el, fenFromYuan, notice, pagedTable, yuan } from './console.js';

const form = document.getElementById('site-form');

const table = pagedTable(document.getElementById('site-list'), {
  load: () => api.get('/api/v1/admin/sites'),
  columns: [
    { label: '代码', cell: (s) => s.code },
    { label: '名称', cell: (s) => s.name },
    { label: '城市', cell: (s) => `${s.cityName || ''}（${s.cityCode}）` },
    { label: '省内', cell: (s) => yuan(s.feeFen), class: 'c-num' },
    { label: '省外', cell: (s) => yuan(s.outOfProvinceFeeFen), class: 'c-num' },
    { label: '下单', cell: (s) => (s.accepting ? '接受' : el('span', { class: 'c-badge c-badge_warn' }, '暂停')) },
    { label: '电话', cell: (s) => s.contactPhone || '' },
    { label: '', cell: (s) => el('button', { type: 'button', onclick: () => edit(s) }, '修改') },
  ],
});

function edit(s) {
  const f = form.elements;
  f.code.value = s.code;
  f.name.value = s.name;
  f.cityCode.value = s.cityCode;
  f.address.value = s.address;
  f.fee.value = (s.feeFen / 100).toFixed(2);
  f.outFee.value = (s.outOfProvinceFeeFen / 100).toFixed(2);
  f.contactPhone.value = s.contactPhone || '';
  f.accepting.checked = s.accepting;
  form.scrollIntoView();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = form.elements;
  const body = {
    name: f.name.value, cityCode: f.cityCode.value, address: f.address.value, feeFen: fenFromYuan(f.fee.value),
    outOfProvinceFeeFen: f.outFee.value.trim() ? fenFromYuan(f.outFee.value) : fenFromYuan(f.fee.value),
    accepting: f.accepting.checked, contactPhone: f.contactPhone.value,
  };
  act(form.querySelector('button'), async () => {
    await api.put('/api/v1/admin/sites/' + encodeURIComponent(f.code.value.trim()), body);
    notice(`网点 ${f.code.value} 已保存，居民端立即生效`);
    table.reload();
  });
});

const importForm = document.getElementById('import-form');
importForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const errors = document.getElementById('import-errors');
  errors.replaceChildren();
  act(importForm.querySelector('button'), async () => {
    const file = importForm.elements.file.files[0];
    const csv = file ? await file.text() : importForm.elements.csv.value;
    try {
      const done = await api.post('/api/v1/admin/sites/import', csv, { contentType: 'text/csv' });
      notice(`已导入 ${done.imported} 个网点`);
      table.reload();
    } catch (err) {
      errors.replaceChildren(...Object.entries(err.fieldErrors ? err.fieldErrors() : {})
        .map(([line, why]) => el('li', {}, `${line.replace('line', '第')} 行：${why}`)));
      throw err;
    }
  });
});

table.reload();

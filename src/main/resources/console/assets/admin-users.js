// ADMIN: staff accounts and their roles; create, disable or enable, reset a password.
import { act, api, dateTime, el, notice, pagedTable, ROLE_LABELS } from './console.js';

const form = document.getElementById('user-form');

function passwordReset(u) {
  const input = el('input', { type: 'password', placeholder: '新密码（至少 10 位）', minlength: 10, size: 16, autocomplete: 'new-password' });
  const reset = el('form', { class: 'c-form-row' }, input, el('button', { type: 'submit' }, '重置密码'));
  reset.addEventListener('submit', (e) => {
    e.preventDefault();
    act(reset.querySelector('button'), async () => {
      await api.post(`/api/v1/admin/users/${encodeURIComponent(u.username)}/password`, { password: input.value });
      input.value = '';
      notice(`${u.username} 的密码已重置，原有登录已失效`);
    });
  });
  return reset;
}

const table = pagedTable(document.getElementById('user-list'), {
  load: () => api.get('/api/v1/admin/users'),
  columns: [
    { label: '用户名', cell: (u) => u.username },
    { label: '角色', cell: (u) => ROLE_LABELS[u.role] || u.role },
    { label: '范围', cell: (u) => u.siteCode || (u.cityCodes || []).join('、') || '全省' },
    { label: '状态', cell: (u) => (u.disabled ? el('span', { class: 'c-badge c-badge_warn' }, '已停用') : '正常') },
    { label: '创建时间', cell: (u) => dateTime(u.createdAt) },
    {
      label: '操作',
      cell: (u) => el('div', {},
        el('button', {
          type: 'button',
          onclick: (e) => act(e.target, async () => {
            await api.post(`/api/v1/admin/users/${encodeURIComponent(u.username)}/${u.disabled ? 'enable' : 'disable'}`);
            notice(`${u.username} 已${u.disabled ? '启用' : '停用'}`);
            table.reload();
          }),
        }, u.disabled ? '启用' : '停用'),
        passwordReset(u)),
    },
  ],
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = form.elements;
  const body = { username: f.username.value.trim(), password: f.password.value, role: f.role.value };
  if (f.siteCode.value.trim()) body.siteCode = f.siteCode.value.trim();
  const cities = f.cityCodes.value.split(/[,，\s]+/).filter(Boolean);
  if (cities.length) body.cityCodes = cities;
  act(form.querySelector('button'), async () => {
    await api.post('/api/v1/admin/users', body);
    notice(`账号 ${body.username} 已创建`);
    form.reset();
    table.reload();
  });
});

table.reload();

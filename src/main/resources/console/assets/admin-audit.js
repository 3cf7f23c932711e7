// ADMIN: the audit trail of staff actions, newest first, filtered by action.
import { api, dateTime, pagedTable, ROLE_LABELS, withQuery } from './console.js';

const filter = document.getElementById('audit-filter');

const table = pagedTable(document.getElementById('audit-list'), {
  empty: '没有记录',
  load: (cursor) => api.get(withQuery('/api/v1/admin/audit', { action: filter.elements.action.value.trim(), cursor })),
  columns: [
    { label: '时间', cell: (e) => dateTime(e.at) },
    { label: '人员', cell: (e) => `${e.actor}（${ROLE_LABELS[e.role] || e.role}）` },
    { label: '操作', cell: (e) => e.action },
    { label: '对象', cell: (e) => e.target },
    { label: '详情', cell: (e) => e.detail },
    { label: '来源地址', cell: (e) => e.sourceIp },
  ],
});

filter.addEventListener('submit', (e) => {
  e.preventDefault();
  table.reload();
});
table.reload();

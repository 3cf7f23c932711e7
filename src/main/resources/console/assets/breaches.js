// Open SLA breaches, the longest overdue first, filtered by stage and city.
import { api, dateTime, el, pagedTable, STATUS_LABELS, withQuery } from './console.js';

const stage = document.getElementById('breach-stage');
const city = document.getElementById('breach-city');

function overdue(dueAt) {
  const hours = Math.floor((Date.now() - new Date(dueAt).getTime()) / 3600000);
  return hours < 1 ? '不到 1 小时' : hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}

const table = pagedTable(document.getElementById('breach-list'), {
  empty: '没有超时的订单',
  load: (cursor) => api.get(withQuery('/api/v1/ops/breaches', { stage: stage.value, city: city.value, cursor })),
  columns: [
    { label: '订单号', cell: (b) => b.orderNo },
    { label: '环节', cell: (b) => el('span', { class: 'c-badge c-badge_warn' }, b.stageName) },
    { label: '城市', cell: (b) => b.cityName },
    { label: '采样点', cell: (b) => b.siteCode },
    { label: '当前状态', cell: (b) => STATUS_LABELS[b.status] || b.status },
    { label: '进入环节', cell: (b) => dateTime(b.since) },
    { label: '时限到', cell: (b) => dateTime(b.dueAt) },
    { label: '已超时', cell: (b) => overdue(b.dueAt), class: 'c-num' },
  ],
});

for (const c of await api.get('/api/v1/cities')) city.append(el('option', { value: c.code }, c.name));
stage.addEventListener('change', () => table.reload());
city.addEventListener('change', () => table.reload());
document.getElementById('breach-refresh').addEventListener('click', () => table.reload());
table.reload();

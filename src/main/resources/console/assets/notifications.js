// Notifications that failed too often (to residents, couriers, the operations group), and a button to
// queue one again.
import { act, api, dateTime, el, notice, pagedTable } from './console.js';

const table = pagedTable(document.getElementById('dead-list'), {
  empty: '没有发送失败的通知',
  load: () => api.get('/api/v1/ops/notifications/dead'),
  columns: [
    { label: '时间', cell: (n) => dateTime(n.createdAt) },
    { label: '订单号', cell: (n) => n.orderNo || '—' },
    { label: '类型', cell: (n) => n.kind },
    { label: '次数', cell: (n) => n.attempts, class: 'c-num' },
    { label: '最后的错误', cell: (n) => n.lastError },
    {
      label: '',
      cell: (n) => el('button', {
        type: 'button',
        onclick: (e) => act(e.target, async () => {
          await api.post(`/api/v1/ops/notifications/${n.id}/retry`);
          notice(n.orderNo ? `已重新排队发送（订单 ${n.orderNo}）` : '已重新排队发送');
          table.reload();
        }),
      }, '重新发送'),
    },
  ],
});
table.reload();

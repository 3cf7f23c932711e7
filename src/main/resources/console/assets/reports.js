// The daily report: shown as a table, downloaded as CSV or XLSX (the same figures).
import { act, api, dateTime, el, withQuery, yuan } from './console.js';

const COLUMNS = [
  ['ordered', '下单'], ['paid', '付款'], ['amountFen', '付款金额'], ['handedOver', '交接'], ['posted', '寄出'],
  ['delivered', '签收'], ['failed', '投递失败'], ['refunded', '退款'], ['refundAmountFen', '退款金额'],
  ['afterSalesOpened', '售后新开'], ['afterSalesClosed', '售后结案'], ['breaches', '超时'],
];
const date = document.getElementById('report-date');
const version = document.getElementById('report-version');

function shanghaiDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

function cells(line) {
  return COLUMNS.map(([key]) => el('td', { class: 'c-num' }, key.endsWith('Fen') ? yuan(line[key]) : line[key]));
}

function links() {
  const query = { date: date.value, version: version.value };
  document.getElementById('report-csv').href = withQuery('/api/v1/ops/reports/daily', { ...query, format: 'csv' });
  document.getElementById('report-xlsx').href = withQuery('/api/v1/ops/reports/daily', { ...query, format: 'xlsx' });
}

async function show(button) {
  links();
  await act(button, async () => {
    const report = await api.get(withQuery('/api/v1/ops/reports/daily', { date: date.value, version: version.value }));
    document.getElementById('report-caption').textContent = `${report.date} · `
      + (report.version === 'kept' ? `已封存（${dateTime(report.generatedAt)} 生成）` : `实时数据（${dateTime(report.generatedAt)}）`);
    const table = el('table', { class: 'c-table', id: 'report' },
      el('thead', {}, el('tr', {}, el('th', {}, '城市'), COLUMNS.map(([, label]) => el('th', { class: 'c-num' }, label)))),
      el('tbody', {}, report.rows.map((line) => el('tr', { 'data-city': line.cityCode }, el('td', {}, line.name), cells(line)))),
      el('tfoot', {}, el('tr', {}, el('th', {}, '合计'), cells(report.totals))));
    document.getElementById('report-table').replaceChildren(table);
  });
}

date.value = shanghaiDay(-1);
date.max = shanghaiDay(0);
date.addEventListener('change', () => show(null));
version.addEventListener('change', () => show(null));
document.getElementById('report-show').addEventListener('click', (e) => show(e.target));
show(null);

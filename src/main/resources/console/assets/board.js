// The live board: counts by city and status, orders per hour (today against yesterday), open
// breaches; kept current by the server's event stream (EventSource reconnects by itself and
// resumes with Last-Event-ID), with a full reload shortly after changes to stay exact.
import * as echarts from './echarts.esm.min.js';
import { api, dateTime, el, notice, STATUS_LABELS } from './console.js';

const SHOWN = ['PENDING_PAYMENT', 'PAID', 'READY', 'HANDED_OVER', 'POSTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY',
  'DELIVERED', 'DELIVERY_FAILED', 'REFUNDING', 'REFUNDED'];
const HOURS = Array.from({ length: 24 }, (_, h) => `${h}时`);

const chart = echarts.init(document.getElementById('board-hours'), null, { renderer: 'canvas' });
let board = null;
let reloadTimer = null;

function render() {
  document.getElementById('board-time').textContent = dateTime(board.generatedAt);
  document.getElementById('board-breaches').textContent = board.breaches;
  const totals = {};
  const rows = board.cities.map((c) => {
    SHOWN.forEach((s) => { totals[s] = (totals[s] || 0) + (c.counts[s] || 0); });
    return el('tr', { 'data-city': c.cityCode }, el('td', { class: 'c-nowrap' }, c.name),
      SHOWN.map((s) => el('td', { class: 'c-num', 'data-status': s }, c.counts[s] || 0)));
  });
  const table = el('table', { class: 'c-table', id: 'board-table' },
    el('thead', {}, el('tr', {}, el('th', {}, '城市'), SHOWN.map((s) => el('th', { class: 'c-num' }, STATUS_LABELS[s])))),
    el('tbody', {}, rows),
    el('tfoot', {}, el('tr', {}, el('th', {}, '合计'), SHOWN.map((s) => el('th', { class: 'c-num' }, totals[s])))));
  document.getElementById('board-cities').replaceChildren(table);
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: ['今天', '昨天'] },
    xAxis: { type: 'category', data: HOURS },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '今天', type: 'bar', data: board.ordersPerHour.today, itemStyle: { color: '#07c160' } },
      { name: '昨天', type: 'line', data: board.ordersPerHour.yesterday, itemStyle: { color: '#86909c' } },
    ],
  });
}

async function load() {
  try {
    board = await api.get('/api/v1/ops/board');
    render();
  } catch (e) {
    notice(e.message, true);
  }
}

/** Applies one transition at once, then reloads the exact figures a moment later. */
function apply(event) {
  const city = board && board.cities.find((c) => c.cityCode === event.cityCode);
  if (city) {
    if (event.from) city.counts[event.from] = Math.max(0, (city.counts[event.from] || 0) - 1);
    city.counts[event.to] = (city.counts[event.to] || 0) + 1;
    if (!event.from) board.ordersPerHour.today[Number(hourInShanghai(event.at))] += 1;
    render();
  }
  const recent = document.getElementById('board-recent');
  recent.prepend(el('li', {}, `${dateTime(event.at)} ${city ? city.name : event.cityCode} ${event.orderNo}：`
    + `${event.from ? STATUS_LABELS[event.from] : '新订单'} → ${STATUS_LABELS[event.to] || event.to}`));
  while (recent.children.length > 10) recent.lastChild.remove();
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, 1500);
}

function hourInShanghai(iso) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hour12: false })
    .format(new Date(iso));
}

function connect() {
  const live = document.getElementById('board-live');
  const source = new EventSource('/api/v1/ops/board/stream');
  let opened = false;
  source.addEventListener('open', () => {
    live.textContent = '实时更新中';
    live.className = 'c-badge c-badge_ok';
    // Back after a break: the catch-up replays events by id, and one committed late under a lower
    // id than the last seen would be missed; the exact figures are read again.
    if (opened) load();
    opened = true;
  });
  source.addEventListener('error', () => {
    live.textContent = '连接中断，正在重连…';
    live.className = 'c-badge c-badge_warn';
  });
  source.addEventListener('transition', (e) => apply(JSON.parse(e.data)));
}

window.addEventListener('resize', () => chart.resize());
await load();
connect();

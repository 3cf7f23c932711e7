// The site workbench: today's queue (paged oldest first), labels and packing, reports that cannot
// be provided, and handover batches. OPS and ADMIN look at any site's workbench, read-only.
import { ApiError, getJson, getPdf, postForPdf, sendJson, useCsrf } from './api.js';

const STATUS = {
  PENDING_PAYMENT: '待支付', PAID: '待打包', READY: '已打包', HANDED_OVER: '已交邮政', POSTED: '已寄出',
  IN_TRANSIT: '运输中', OUT_FOR_DELIVERY: '派送中', DELIVERED: '已签收', CANCELLED: '已取消', CLOSED: '已关闭',
  REFUNDING: '退款中', REFUNDED: '已退款', DELIVERY_FAILED: '投递失败', RETURNED: '已退回',
};
const BATCH_STATUS = { OPEN: '未确认', CONFIRMED: '邮政已确认', CANCELLED: '已取消' };
const FORMAT_KEY = 'reportpost.workbench.labelFormat';
const PAGE = 50;

const state = { me: null, readOnly: true, site: null, cursor: null, items: new Map(), selected: new Set() };
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (k === 'class') {
      node.className = v;
    } else if (k.startsWith('data-')) {
      node.setAttribute(k, v);
    } else {
      node[k] = v;
    }
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function say(text, kind) {
  const box = $('message');
  box.textContent = text;
  box.className = `message ${kind || ''}`;
  box.hidden = !text;
}

/** Signed out, or the session expired: back to the sign-in page. */
function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    window.location.assign('/staff/login?next=' + encodeURIComponent('/staff/'));
    return;
  }
  say(error.message || String(error), 'error');
}

function age(from) {
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(from).getTime()) / 60000));
  if (minutes < 60) {
    return `${minutes} 分钟`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}

function siteParam() {
  return state.readOnly && state.site ? `&site=${encodeURIComponent(state.site)}` : '';
}

// ---- the queue ------------------------------------------------------------------------------

async function loadQueue(reset) {
  const form = $('search-form');
  if (reset) {
    state.cursor = null;
    state.items.clear();
    state.selected.clear();
    $('queue-rows').replaceChildren();
  }
  if (state.readOnly && !state.site && state.me.role !== 'COURIER') {
    $('queue-empty').hidden = false;
    $('queue-empty').textContent = '请先在上方选择一个采样点。';
    $('more').hidden = true;
    updateSelection();
    return;
  }
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (form.status.value) {
    params.set('status', form.status.value);
  }
  if (form.q.value.trim()) {
    params.set('q', form.q.value.trim());
  }
  if (state.cursor) {
    params.set('cursor', state.cursor);
  }
  try {
    const page = await getJson(`/api/v1/staff/orders?${params}${siteParam()}`);
    page.items.forEach((o) => {
      state.items.set(o.orderNo, o);
      $('queue-rows').append(row(o));
    });
    state.cursor = page.nextCursor;
    $('more').hidden = !page.nextCursor;
    $('queue-empty').hidden = state.items.size > 0;
    $('queue-empty').textContent = '没有符合条件的订单。';
    $('queue-count').textContent = `已显示 ${state.items.size} 单${page.nextCursor ? '，还有更多' : ''}`;
    updateSelection();
  } catch (e) {
    failed(e);
  }
}

function row(o) {
  const box = el('input', { type: 'checkbox', value: o.orderNo, disabled: state.readOnly });
  box.setAttribute('aria-label', `选择 ${o.orderNo}`);
  box.addEventListener('change', () => {
    if (box.checked) {
      state.selected.add(o.orderNo);
    } else {
      state.selected.delete(o.orderNo);
    }
    updateSelection();
  });
  const badges = [];
  if (o.reprintNeeded) {
    badges.push(el('span', { class: 'badge warn', title: '标签打印后居民改了收件地址，请重印标签' }, '地址已变更'));
  }
  if (o.openHandoverNo) {
    badges.push(el('span', { class: 'badge' }, `交接单 ${o.openHandoverNo}`));
  }
  if (o.flagged) {
    badges.push(el('span', { class: 'badge warn' }, '交接时缺失'));
  }
  if (o.reshipCount > 0) {
    badges.push(el('span', { class: 'badge warn', title: '售后补寄：免费再寄一次，请重新打印标签并交接' },
      o.reshipCount > 1 ? `补寄（第 ${o.reshipCount} 次）` : '补寄'));
  }
  if (o.personalDataUnreadable) {
    badges.push(el('span', { class: 'badge warn', title: '这笔订单的个人信息无法解密，请联系运营' }, '信息无法读取'));
  }
  const r = o.recipient;
  return el('tr', { 'data-order': o.orderNo },
    el('td', {}, box),
    el('td', { class: 'mono' }, o.orderNo),
    el('td', {}, o.patient.name),
    el('td', {}, o.sampledOn),
    el('td', {}, `${o.copies} 份`),
    el('td', {}, age(o.paidAt || o.createdAt)),
    el('td', {}, el('span', { class: `status s-${o.status}` }, STATUS[o.status] || o.status), ...badges),
    el('td', { class: 'addr' }, `${r.name} · ${r.city}${r.district}`));
}

function updateSelection() {
  $('selected-count').textContent = `已选 ${state.selected.size} 单`;
  document.querySelectorAll('#actions [data-act]').forEach((b) => {
    b.disabled = state.readOnly || state.selected.size === 0;
  });
  const boxes = [...document.querySelectorAll('#queue-rows input[type=checkbox]')];
  $('select-all').checked = boxes.length > 0 && boxes.every((b) => b.checked);
  $('select-all').disabled = state.readOnly;
}

function selectedOrders() {
  return [...state.selected].map((no) => state.items.get(no)).filter(Boolean);
}

/** Opens a PDF: in the window opened at the click (browsers allow that one), and as a link to open again. */
function showPdf(blob, win, name) {
  const link = $('pdf-link');
  if (link.href && link.href.startsWith('blob:')) {
    URL.revokeObjectURL(link.href);
  }
  const url = URL.createObjectURL(blob);
  link.href = url;
  link.download = name;
  link.textContent = `打开 ${name}`;
  link.hidden = false;
  if (win) {
    win.location.href = url;
  }
}

function openBlank() {
  const win = window.open('', '_blank');
  if (win) {
    win.document.title = '正在生成 PDF…';
  }
  return win;
}

async function printLabels(orders, markReady) {
  const format = document.querySelector('[name=format]').value;
  const win = openBlank();
  say(`正在生成 ${orders.length} 张标签…`);
  let pdf;
  try {
    pdf = await postForPdf('/api/v1/staff/labels', { orderNos: orders.map((o) => o.orderNo), format });
  } catch (e) {
    if (win) {
      win.close();
    }
    failed(e);
    return;
  }
  showPdf(pdf, win, `标签-${orders.length}张.pdf`);
  if (!markReady) {
    say(`已生成 ${orders.length} 张标签。`, 'ok');
    await loadQueue(true);
    return;
  }
  const toPack = orders.filter((o) => o.status === 'PAID');
  const failures = await eachLimited(toPack, 4, (o) => sendJson('POST', `/api/v1/staff/orders/${o.orderNo}/ready`));
  const done = toPack.length - failures.length;
  say(failures.length === 0 ? `已打印 ${orders.length} 张标签，${done} 单已标记为已打包。`
    : `已打印标签；${done} 单已标记为已打包，${failures.length} 单未成功：${failures.join('；')}`,
  failures.length ? 'error' : 'ok');
  await loadQueue(true);
}

/** Runs {@code action} for each item, a few at a time; answers the failures as "order: reason". */
async function eachLimited(items, parallel, action) {
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      try {
        await action(item);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          throw e;
        }
        failures.push(`${item.orderNo}：${e.message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return failures;
}

async function reportUnavailable() {
  const dialog = $('reason-dialog');
  const form = $('reason-form');
  form.reason.value = '';
  $('reason-error').hidden = true;
  dialog.showModal();
}

async function confirmUnavailable(reason) {
  const orders = selectedOrders();
  try {
    const failures = await eachLimited(orders, 4, (o) => sendJson('POST',
      `/api/v1/staff/orders/${o.orderNo}/unavailable`, { reason }));
    say(failures.length === 0 ? `已登记 ${orders.length} 单报告无法提供，将自动退款并通知居民。`
      : `${orders.length - failures.length} 单已登记；${failures.length} 单未成功：${failures.join('；')}`,
    failures.length ? 'error' : 'ok');
  } catch (e) {
    failed(e);
  }
  await loadQueue(true);
}

async function newBatch() {
  const orders = selectedOrders();
  const notReady = orders.filter((o) => o.status !== 'READY');
  if (notReady.length) {
    say(`只有已打包的订单才能交接：${notReady.map((o) => o.orderNo).join('、')} 还不是“已打包”。请先打印标签并标记已打包。`, 'error');
    return;
  }
  try {
    const batch = await sendJson('POST', '/api/v1/staff/handovers', { orderNos: orders.map((o) => o.orderNo) });
    say(`已建交接单 ${batch.handoverNo}（${batch.count} 单）。请打印交接单，与邮政揽收员核对签字。`, 'ok');
    showTab('batches');
  } catch (e) {
    failed(e);
  }
}

// ---- handover batches -----------------------------------------------------------------------

async function loadBatches() {
  const status = document.querySelector('[name=batch-status]').value;
  const list = $('batch-list');
  if (state.readOnly && !state.site && state.me.role !== 'COURIER') {
    list.replaceChildren(el('p', { class: 'muted' }, '请先在上方选择一个采样点。'));
    return;
  }
  try {
    const batches = await getJson(`/api/v1/staff/handovers?status=${status}${siteParam()}`);
    list.replaceChildren(...(batches.length ? batches.map(batchCard)
      : [el('p', { class: 'muted' }, `没有${BATCH_STATUS[status]}的交接单。`)]));
  } catch (e) {
    failed(e);
  }
}

function batchCard(b) {
  const open = b.status === 'OPEN' && !state.readOnly;
  const orders = el('ul', { class: 'batch-orders' }, b.orderNos.map((no) => {
    const missing = b.missing.includes(no);
    const item = el('li', { class: missing ? 'missing' : '' }, el('span', { class: 'mono' }, no),
      missing ? el('span', { class: 'badge warn' }, '邮政未收到') : '');
    if (open && b.orderNos.length > 1) {
      const remove = el('button', { type: 'button', class: 'link' }, '移出');
      remove.addEventListener('click', () => replaceOrders(b, b.orderNos.filter((x) => x !== no)));
      item.append(remove);
    }
    return item;
  }));
  const head = el('div', { class: 'batch-head' },
    el('strong', { class: 'mono' }, b.handoverNo),
    el('span', { class: `status b-${b.status}` }, BATCH_STATUS[b.status] || b.status),
    el('span', { class: 'muted' }, `${b.count} 单 · ${b.createdBy} 建于 ${new Date(b.createdAt).toLocaleString('zh-CN')}`));
  if (b.status === 'CONFIRMED') {
    head.append(el('span', { class: 'muted' },
      `${b.confirmedBy} 于 ${new Date(b.confirmedAt).toLocaleString('zh-CN')} 确认，收到 ${b.received.length} 单` +
      (b.missing.length ? `，缺 ${b.missing.length} 单` : '')));
  }
  const actions = el('div', { class: 'toolbar' });
  const sheet = el('button', { type: 'button', 'data-sheet': b.handoverNo }, '打印交接单');
  sheet.addEventListener('click', async () => {
    const win = openBlank();
    try {
      showPdf(await getPdf(`/api/v1/staff/handovers/${b.handoverNo}/sheet`), win, `交接单-${b.handoverNo}.pdf`);
    } catch (e) {
      if (win) {
        win.close();
      }
      failed(e);
    }
  });
  actions.append(sheet);
  if (open) {
    const add = el('button', { type: 'button', 'data-add': b.handoverNo }, '加入已选订单');
    add.addEventListener('click', () => {
      const chosen = selectedOrders();
      if (chosen.length === 0) {
        say('请先在“订单队列”里勾选已打包的订单。', 'error');
        return;
      }
      replaceOrders(b, [...new Set([...b.orderNos, ...chosen.map((o) => o.orderNo)])]);
    });
    const cancel = el('button', { type: 'button', 'data-cancel': b.handoverNo, class: 'danger' }, '取消交接单');
    cancel.addEventListener('click', async () => {
      if (!window.confirm(`取消交接单 ${b.handoverNo}？其中的订单仍为“已打包”，可放进新的交接单。`)) {
        return;
      }
      try {
        await sendJson('DELETE', `/api/v1/staff/handovers/${b.handoverNo}`);
        say(`交接单 ${b.handoverNo} 已取消。`, 'ok');
        loadBatches();
      } catch (e) {
        failed(e);
      }
    });
    actions.append(add, cancel);
  }
  return el('article', { class: 'batch', 'data-batch': b.handoverNo }, head, orders, actions);
}

async function replaceOrders(b, orderNos) {
  try {
    const updated = await sendJson('PUT', `/api/v1/staff/handovers/${b.handoverNo}`, { orderNos });
    say(`交接单 ${b.handoverNo} 现有 ${updated.count} 单。`, 'ok');
    state.selected.clear();
    loadBatches();
  } catch (e) {
    failed(e);
  }
}

// ---- the page -------------------------------------------------------------------------------

function showTab(name) {
  document.querySelectorAll('[role=tab]').forEach((t) => t.setAttribute('aria-selected', String(t.dataset.tab === name)));
  $('queue-tab').hidden = name !== 'queue';
  $('batches-tab').hidden = name !== 'batches';
  if (name === 'batches') {
    loadBatches();
  } else {
    loadQueue(true);
  }
}

async function chooseSites() {
  const chooser = $('site-chooser');
  chooser.hidden = false;
  const city = chooser.querySelector('[name=city]');
  const site = chooser.querySelector('[name=site]');
  const cities = await getJson('/api/v1/cities');
  city.replaceChildren(el('option', { value: '' }, '选择城市'), ...cities.map((c) => el('option', { value: c.code }, c.name)));
  city.addEventListener('change', async () => {
    site.replaceChildren(el('option', { value: '' }, '选择采样点'));
    if (city.value) {
      const sites = await getJson(`/api/v1/cities/${city.value}/sites`);
      site.append(...sites.map((s) => el('option', { value: s.code }, `${s.name}（${s.code}）`)));
    }
  });
  site.addEventListener('change', () => {
    state.site = site.value || null;
    $('site-name').textContent = site.value ? site.selectedOptions[0].textContent : '';
    showTab($('queue-tab').hidden ? 'batches' : 'queue');
  });
}

async function start() {
  try {
    state.me = await getJson('/api/v1/staff/me');
  } catch (e) {
    failed(e);
    return;
  }
  useCsrf(state.me.csrfToken);
  state.readOnly = state.me.role !== 'SITE_STAFF';
  $('user-name').textContent = state.me.username;
  $('read-only').hidden = !state.readOnly;
  $('actions').hidden = state.readOnly;
  if (state.me.siteCode) {
    state.site = state.me.siteCode;
    getJson(`/api/v1/sites/${state.me.siteCode}`)
      .then((s) => { $('site-name').textContent = `${s.name}（${s.code}）`; })
      .catch(() => { $('site-name').textContent = state.me.siteCode; });
  } else if (state.me.role === 'OPS' || state.me.role === 'ADMIN') {
    chooseSites().catch(failed);
  }
  const format = document.querySelector('[name=format]');
  format.value = localStorage.getItem(FORMAT_KEY) || 'THERMAL_100X150';
  format.addEventListener('change', () => localStorage.setItem(FORMAT_KEY, format.value));
  loadQueue(true);
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  say('');
  loadQueue(true);
});
$('search-form').status.addEventListener('change', () => loadQueue(true));
$('more').addEventListener('click', () => loadQueue(false));
$('select-all').addEventListener('change', (event) => {
  document.querySelectorAll('#queue-rows input[type=checkbox]').forEach((b) => {
    b.checked = event.target.checked;
    if (b.checked) {
      state.selected.add(b.value);
    } else {
      state.selected.delete(b.value);
    }
  });
  updateSelection();
});
$('print-ready').addEventListener('click', () => printLabels(selectedOrders(), true));
$('reprint').addEventListener('click', () => printLabels(selectedOrders(), false));
$('unavailable').addEventListener('click', reportUnavailable);
$('new-batch').addEventListener('click', newBatch);
$('reason-form').addEventListener('submit', (event) => {
  const form = event.target;
  if (event.submitter && event.submitter.value === 'cancel') {
    return;
  }
  const reason = form.reason.value.trim();
  if (!reason) {
    event.preventDefault();
    $('reason-error').textContent = '请写明原因。';
    $('reason-error').hidden = false;
    return;
  }
  confirmUnavailable(reason);
});
document.querySelectorAll('[role=tab]').forEach((t) => t.addEventListener('click', () => showTab(t.dataset.tab)));
document.querySelector('[name=batch-status]').addEventListener('change', loadBatches);
$('sign-out').addEventListener('click', async () => {
  try {
    await sendJson('DELETE', '/api/v1/staff/session');
  } catch (e) {
    // Signed out already, or the session expired: the sign-in page either way.
  }
  window.location.assign('/staff/login');
});

start();

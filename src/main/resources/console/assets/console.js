/*
 * The operations console's shared script: API calls with the staff session's CSRF token, problem
 * answers in Chinese, DOM helpers, and a table with cursor paging ({items, nextCursor}).
 *
 * Adding a page to the console (/ops/…):
 *   1. ConsoleRoutes.PAGES: one line, e.g. ConsolePage.ops("/ops/board", "board.html", "看板")
 *      (ConsolePage.admin(...) for ADMIN only; a null label keeps it out of the navigation).
 *      The navigation follows the order of that list; admin pages appear under "管理".
 *   2. console/pages/board.html: its first line is <!--page title="看板" script="board.js"-->,
 *      the rest is the page's main area (the layout adds head, navigation and the user).
 *   3. console/assets/board.js (every file there is served); it starts with
 *      import { api, ... } from './console.js';
 *   4. openapi.yaml: the page's path under "console pages" (OpenApiDocumentTest checks it).
 * Pages are only served to a signed-in OPS or ADMIN user; the CSRF token comes in the page's
 * <meta name="csrf-token">, so scripts need no extra round trip.
 */

export const STATUS_LABELS = {
  PENDING_PAYMENT: '待支付', PAID: '已支付', READY: '报告已打包', HANDED_OVER: '已交邮政', POSTED: '已寄出',
  IN_TRANSIT: '运输中', OUT_FOR_DELIVERY: '派送中', DELIVERED: '已签收', CANCELLED: '已取消', CLOSED: '已关闭',
  REFUNDING: '退款中', REFUNDED: '已退款', DELIVERY_FAILED: '投递失败', RETURNED: '已退回',
};

export const ROLE_LABELS = { SITE_STAFF: '网点人员', COURIER: '邮政揽投员', OPS: '运营', ADMIN: '管理员' };

const STATUS_MESSAGES = {
  0: '网络不通，请检查网络后重试',
  400: '提交的内容有误',
  401: '登录已过期，请重新登录',
  403: '没有权限做这件事',
  404: '没有找到',
  409: '状态已经变化，请刷新后再试',
  413: '内容太大',
  415: '内容格式不对',
  422: '提交的内容有误',
  429: '操作太频繁，请稍后再试',
  502: '微信支付暂时没有答复，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

const CJK = /[\u4e00-\u9fff]/;

/** An answer that was not 2xx, with its problem+json body; message is Chinese for the operator. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.status = status;
    this.problem = problem || {};
  }

  /** {field: message} from the problem's errors list. */
  fieldErrors() {
    const out = {};
    for (const e of this.problem.errors || []) if (e && e.field) out[e.field] = e.message;
    return out;
  }
}

/** A Chinese sentence for a problem: the server's detail when it is Chinese, otherwise by status, naming the fields. */
export function problemMessage(status, problem) {
  const p = problem || {};
  if (p.detail && CJK.test(p.detail)) return p.detail;
  let text = STATUS_MESSAGES[status] || (status >= 500 ? `服务出错了（${status}），请稍后再试` : `请求失败（${status}）`);
  const fields = (p.errors || []).map((e) => e.field + (e.message ? '：' + e.message : '')).filter(Boolean);
  if (fields.length) text += '：' + fields.join('；');
  else if (p.detail && status !== 401) text += `（${p.detail}）`;
  return text;
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : '';
}

function signIn() {
  location.assign('/staff/login?next=' + encodeURIComponent(location.pathname + location.search));
}

/**
 * Calls the API. {@code body}: an object (sent as JSON), a string with options.contentType,
 * undefined ("{}") or null (no body). Answers the parsed JSON (or null for an empty answer); throws ApiError.
 */
export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = csrfToken();
    headers['Content-Type'] = options.contentType || 'application/json';
  }
  const init = { method, headers, credentials: 'same-origin' };
  // undefined sends "{}" (an action without fields); null sends no body at all.
  if (body !== undefined && body !== null) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  else if (body === undefined && headers['Content-Type'] === 'application/json' && method !== 'DELETE') init.body = '{}';
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (response.status === 401) {
    signIn();
    return new Promise(() => {});
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, options) => request('POST', path, body, options),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

/** A path with its query string; empty values are left out. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? path + '?' + s : path;
}

/** Builds an element: el('td', {class: 'c-num'}, '12'); text children are text, never HTML. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** Shows a line above the page's content; errors stay until the next message. */
export function notice(text, error = false) {
  const box = document.getElementById('c-notice');
  box.textContent = text;
  box.classList.toggle('c-notice_error', error);
  box.hidden = !text;
}

/** Runs an action, shows its failure in Chinese, and keeps the button disabled meanwhile. */
export async function act(button, action) {
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (e) {
    notice(e instanceof ApiError ? e.message : '出错了：' + e.message, true);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

export function yuan(fen) {
  return fen === null || fen === undefined ? '' : '¥' + (fen / 100).toFixed(2);
}

/** "12.5" (yuan, as typed) → 1250 fen; NaN for anything else. */
export function fenFromYuan(text) {
  const m = String(text).trim().match(/^(\d+)(?:\.(\d{1,2}))?$/);
  return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : NaN;
}

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}

/**
 * A table filled from the API. columns: [{label, cell(row) → text or Node, class}]. load(cursor)
 * answers {items, nextCursor} (or a plain array, which has no further page); "加载更多" fetches
 * the next page. Answers {reload()}.
 */
export function pagedTable(container, { columns, load, empty = '没有记录', onRow }) {
  const body = el('tbody');
  const table = el('table', { class: 'c-table' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { class: c.class }, c.label)))), body);
  const more = el('button', { type: 'button', class: 'c-more', hidden: true }, '加载更多');
  container.replaceChildren(table, more);
  let cursor = null;
  let generation = 0;

  async function page(first) {
    const mine = first ? ++generation : generation;
    const answer = await load(first ? null : cursor);
    if (mine !== generation) return;
    const items = Array.isArray(answer) ? answer : answer.items || [];
    cursor = Array.isArray(answer) ? null : answer.nextCursor || null;
    if (first) body.replaceChildren();
    for (const row of items) {
      const tr = el('tr', {}, columns.map((c) => el('td', { class: c.class }, c.cell(row))));
      if (onRow) onRow(tr, row);
      body.append(tr);
    }
    if (first && !items.length) body.append(el('tr', {}, el('td', { colspan: columns.length, class: 'c-empty' }, empty)));
    more.hidden = !cursor;
  }

  more.addEventListener('click', () => act(more, () => page(false)));
  return { reload: () => act(null, () => page(true)) };
}

/** Sign-out from the navigation, on every page. */
document.getElementById('c-sign-out')?.addEventListener('click', async () => {
  try {
    await request('DELETE', '/api/v1/staff/session');
  } finally {
    location.assign('/staff/login');
  }
});

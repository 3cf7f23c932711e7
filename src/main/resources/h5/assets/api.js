// Talks to the ReportPost API (PRODUCT.md §3) and holds the small helpers every page shares.
import { problemMessage, fieldMessage, formField } from './problems.js';

export const STATUS_LABELS = {
  PENDING_PAYMENT: '待支付',
  PAID: '已支付',
  READY: '报告已打包',
  HANDED_OVER: '已交邮政',
  POSTED: '已寄出',
  IN_TRANSIT: '运输中',
  OUT_FOR_DELIVERY: '派送中',
  DELIVERED: '已签收',
  CANCELLED: '已取消',
  CLOSED: '已关闭',
  REFUNDING: '退款中',
  REFUNDED: '已退款',
  DELIVERY_FAILED: '投递失败',
  RETURNED: '已退回',
};

export const ID_TYPE_LABELS = {
  ID_CARD: '居民身份证',
  PASSPORT: '护照',
  HK_MACAO_PERMIT: '港澳居民来往内地通行证 / 往来港澳通行证',
  TAIWAN_PERMIT: '台湾居民来往大陆通行证',
};

/** The address may change until the report is in the post. */
export const ADDRESS_CHANGEABLE = ['PENDING_PAYMENT', 'PAID', 'READY', 'HANDED_OVER'];
/** A resident may cancel before payment, or after it while the report is not packed-and-handed yet. */
export const CANCELLABLE = ['PENDING_PAYMENT', 'PAID', 'READY'];
/** Orders that were never paid: nothing to refund, so no after-sales case. */
export const NEVER_PAID = ['PENDING_PAYMENT', 'CANCELLED', 'CLOSED'];

/**
 * An answer that was not 2xx, with the problem+json body when there was one. Its message is
 * Chinese (problems.js), never the server's English detail.
 */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.status = status;
    this.problem = problem || {};
  }

  /** Chinese for this answer, with a page's own wording for some statuses or fields. */
  say(overrides) {
    return problemMessage(this.status, this.problem, overrides);
  }

  /**
   * {"patient.idNumber": "…"} in Chinese, by form field, from the problem's errors list;
   * `prefix` for an answer whose fields are named without it (the recipient change).
   */
  fieldErrors(prefix = '', overrides = {}) {
    const out = {};
    for (const e of this.problem.errors || []) {
      if (e && e.field) out[formField(prefix + e.field)] = fieldMessage(prefix + e.field, overrides);
    }
    return out;
  }
}

/** Sends the resident through WeChat sign-in and back to this very page. */
export function signIn() {
  const next = location.pathname + location.search;
  location.replace('/wx/oauth/start?next=' + encodeURIComponent(next));
}

export async function request(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  // Changes are taken as JSON only, even a cancel or a pay without a body.
  if (method !== 'GET') init.headers['Content-Type'] = 'application/json';
  if (body !== undefined) init.body = JSON.stringify(body);
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
    // The page is leaving; never settle, so no error flashes before it goes.
    return new Promise(() => {});
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body, headers) => request('POST', path, body, headers);
export const put = (path, body) => request('PUT', path, body);

/** Resolves when the resident has a session; otherwise goes through sign-in. */
export const requireSession = () => get('/api/v1/me');

export function yuan(fen) {
  return '¥' + (fen / 100).toFixed(2);
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

const LAST_SITE = 'rp.lastSite';

/** The site of the order last looked at, so the help page can show whom to call. */
export function rememberSite(code) {
  try {
    localStorage.setItem(LAST_SITE, code);
  } catch (e) {
    // Private mode: the help page then asks no site.
  }
}

export function rememberedSite() {
  try {
    return localStorage.getItem(LAST_SITE);
  } catch (e) {
    return null;
  }
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** The order number from /h5/orders/{orderNo}[/…]. */
export function orderNoFromPath() {
  const m = location.pathname.match(/^\/h5\/orders\/([^/]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

export const orderPath = (orderNo) => '/api/v1/orders/' + encodeURIComponent(orderNo);

/** A tel: link for a phone number as people write it (spaces, dashes, brackets). */
export const dial = (number) => 'tel:' + number.replace(/[^0-9]/g, '');

/** Puts text in an element (never HTML: everything shown comes from people or the server). */
export function show(id, text) {
  const el = document.getElementById(id);
  if (el) el.textContent = text == null ? '' : String(text);
  return el;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = String(text);
  return node;
}

/** A short-lived WeUI toast. */
export function toast(message) {
  const box = document.getElementById('toast');
  if (!box) return;
  show('toast-text', message);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 2000);
}

/**
 * Shows what went wrong in Chinese: an API refusal as problems.js words it, our own messages as
 * they are, and never a browser's English (a script error, "Failed to fetch").
 */
export function showError(id, error) {
  const box = document.getElementById(id);
  if (!box) return;
  const text = error instanceof Error ? error.message : String(error);
  box.textContent = error instanceof ApiError || /[\u4e00-\u9fff]/.test(text) ? text : '页面出错了，请刷新后重试';
  box.hidden = false;
}

// The staff API as the workbench pages use it: the session cookie, the CSRF token on every
// change, and every failure turned into a sentence a colleague at the counter understands.

let csrfToken = '';

export function useCsrf(token) {
  csrfToken = token || '';
}

/** A failed call: `message` is Chinese, for the page; status and problem for the code. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

const HAN = /[\u4e00-\u9fff]/;

const FIELD_NAMES = {
  orderNos: '订单', reason: '原因', format: '标签纸', q: '搜索内容', limit: '每页条数', cursor: '翻页位置',
  username: '用户名', password: '密码', received: '已接收订单',
};

/** The problem's own detail when it is written for people (Chinese), else a sentence for its status. */
export function describe(status, problem) {
  const detail = problem && problem.detail;
  if (detail && HAN.test(detail)) {
    return detail;
  }
  if (problem && Array.isArray(problem.errors) && problem.errors.length) {
    const fields = [...new Set(problem.errors.map((e) => FIELD_NAMES[String(e.field).split('[')[0]] || e.field))];
    return `填写有误：${fields.join('、')}`;
  }
  switch (status) {
    case 0: return '网络连接失败，请检查网络后重试。';
    case 400: return '请求有误，请刷新页面后重试。';
    case 401: return '登录已过期，请重新登录。';
    case 403: return '您的账号没有权限做这件事。';
    case 404: return '找不到这张订单或交接单（可能不属于本采样点）。';
    case 409: return '订单状态已变化，请刷新后再试。';
    case 429: return '操作太频繁，请稍后再试。';
    default: return '服务器暂时出错，请稍后重试；如果一直出错，请联系运营人员。';
  }
}

async function send(method, path, body, accept) {
  const headers = { Accept: accept || 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, null, describe(0, null));
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      problem = null;
    }
    const error = new ApiError(response.status, problem, describe(response.status, problem));
    error.retryAfter = Number(response.headers.get('Retry-After')) || 0;
    throw error;
  }
  return response;
}

export async function getJson(path) {
  return (await send('GET', path)).json();
}

export async function sendJson(method, path, body) {
  const response = await send(method, path, body);
  return response.status === 204 ? null : response.json();
}

/** A PDF answered to a POST, as a Blob. */
export async function postForPdf(path, body) {
  return (await send('POST', path, body, 'application/pdf')).blob();
}

/** A PDF fetched by GET, as a Blob. */
export async function getPdf(path) {
  return (await send('GET', path, undefined, 'application/pdf')).blob();
}

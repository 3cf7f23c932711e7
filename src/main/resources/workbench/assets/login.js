import { ApiError, describe, sendJson } from './api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

function show(text) {
  error.textContent = text;
  error.hidden = !text;
}

/** Minutes, rounded up, in words. */
function waitWords(seconds) {
  if (seconds <= 60) {
    return '1 分钟';
  }
  return `${Math.ceil(seconds / 60)} 分钟`;
}

/** The lock-out in plain words: which lock, and how long to wait. */
function lockedOut(problem, retryAfter) {
  const detail = (problem && problem.detail) || '';
  const wait = waitWords(retryAfter || 60);
  if (detail.includes('network')) {
    return `这台电脑所在网络的登录失败次数过多，已暂时禁止登录。请 ${wait}后再试，或请同事在别的网络登录。`;
  }
  return `密码连续输错次数过多，这个账号在这台电脑上已暂时锁定。请 ${wait}后再试；忘记密码请联系管理员重置。`;
}

/** Where to go once signed in: back where the sign-in was asked for, else the role's own pages. */
function landing(user) {
  const next = new URLSearchParams(window.location.search).get('next');
  // Only a path of this site: "//host" or "https://…" would send the session's user elsewhere.
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    return next;
  }
  if (user.role === 'COURIER') {
    return '/courier/';
  }
  return user.role === 'OPS' || user.role === 'ADMIN' ? '/ops/' : '/staff/';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    show('请输入用户名和密码。');
    return;
  }
  show('');
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const user = await sendJson('POST', '/api/v1/staff/session', { username, password });
    window.location.assign(landing(user));
  } catch (e) {
    if (!(e instanceof ApiError)) {
      show(describe(0, null));
    } else if (e.status === 401) {
      show('用户名或密码错误。连续输错多次后账号会被暂时锁定。');
    } else if (e.status === 429) {
      show(lockedOut(e.problem, e.retryAfter));
    } else {
      show(e.message);
    }
  } finally {
    button.disabled = false;
  }
});

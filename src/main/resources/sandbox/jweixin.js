/*
 * The WeChat sandbox's stand-in for WeChat's jweixin-1.6.0.js: the same wx object for what the
 * product uses (config, ready, error, scanQRCode), so the page code is the one that runs inside
 * WeChat. wx.config checks the signature with the sandbox, as WeChat's client checks it with
 * WeChat; wx.scanQRCode asks the tester for the code in a small overlay instead of the camera.
 */
(function () {
  'use strict';
  var base = (document.currentScript && document.currentScript.src || '').replace(/\/sandbox\/jweixin\.js.*$/, '');
  var readyFns = [];
  var errorFns = [];
  var state = 'new';
  var failure = null;

  function settle(ok, res) {
    state = ok ? 'ready' : 'failed';
    failure = ok ? null : res;
    (ok ? readyFns : errorFns).splice(0).forEach(function (fn) { fn(res); });
  }

  function overlay(params) {
    var old = document.getElementById('wx-scan-overlay');
    if (old) { old.remove(); }
    var box = document.createElement('div');
    box.id = 'wx-scan-overlay';
    box.style.cssText = 'position:fixed;left:0;top:0;right:0;bottom:0;background:rgba(0,0,0,.75);z-index:10000;' +
      'display:flex;flex-direction:column;justify-content:center;padding:24px;gap:12px;font-size:16px;color:#fff';
    var label = document.createElement('label');
    label.textContent = '沙箱扫一扫：输入二维码或条码内容';
    label.htmlFor = 'wx-scan-input';
    var input = document.createElement('input');
    input.id = 'wx-scan-input';
    input.autocomplete = 'off';
    input.style.cssText = 'font-size:18px;padding:10px;border-radius:6px;border:0';
    var ok = document.createElement('button');
    ok.id = 'wx-scan-ok';
    ok.type = 'button';
    ok.textContent = '确定';
    ok.style.cssText = 'font-size:18px;padding:10px;border-radius:6px;border:0;background:#07c160;color:#fff';
    var cancel = document.createElement('button');
    cancel.id = 'wx-scan-cancel';
    cancel.type = 'button';
    cancel.textContent = '取消';
    cancel.style.cssText = 'font-size:16px;padding:8px;border-radius:6px;border:0';
    box.append(label, input, ok, cancel);
    document.body.appendChild(box);
    input.focus();
    function done(fn, res) {
      box.remove();
      if (typeof fn === 'function') { fn(res); }
      if (typeof params.complete === 'function') { params.complete(res); }
    }
    ok.addEventListener('click', function () {
      var code = input.value.trim();
      if (!code) { return; }
      done(params.success, { errMsg: 'scanQRCode:ok', resultStr: code });
    });
    input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { ok.click(); } });
    cancel.addEventListener('click', function () { done(params.cancel, { errMsg: 'scanQRCode:cancel' }); });
  }

  window.wx = window.jWeixin = {
    sandbox: true,
    config: function (c) {
      state = 'checking';
      var url = location.href.split('#')[0];
      fetch(base + '/sandbox/mp/jssdk-verify', {
        method: 'POST', headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature, url: url })
      }).then(function (r) { return r.json(); })
        .then(function (r) { settle(r.errMsg === 'config:ok', r); })
        .catch(function (e) { settle(false, { errMsg: 'config:fail ' + e }); });
    },
    ready: function (fn) { if (state === 'ready') { fn(); } else { readyFns.push(fn); } },
    error: function (fn) { if (state === 'failed') { fn(failure); } else { errorFns.push(fn); } },
    checkJsApi: function (p) { if (p.success) { p.success({ errMsg: 'checkJsApi:ok', checkResult: { scanQRCode: true } }); } },
    scanQRCode: function (params) {
      if (state !== 'ready') {
        if (params.fail) { params.fail({ errMsg: 'scanQRCode:permission denied' }); }
        return;
      }
      overlay(params || {});
    }
  };
}());

/*
 * Reading a QR code or a label's barcode. Inside WeChat: the JS-SDK's wx.scanQRCode (the script
 * comes from the address in data-jssdk: WeChat's own in production, the sandbox's stand-in in dev
 * and tests). Elsewhere: the camera through the browser's BarcodeDetector, or ZXing where there is
 * none; and typing the code always works.
 */
window.Scan = (function () {
  'use strict';
  var inWeChat = /MicroMessenger/i.test(navigator.userAgent);
  var wxReady = Promise.resolve(false);

  function setup() {
    if (!inWeChat) {
      return wxReady;
    }
    wxReady = new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = document.body.dataset.jssdk;
      script.onerror = function () { resolve(false); };
      script.onload = function () {
        var page = location.href.split('#')[0];
        fetch('/api/v1/wx/jssdk-config?url=' + encodeURIComponent(page), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
          .then(function (c) {
            wx.config({ debug: false, appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr,
              signature: c.signature, jsApiList: ['scanQRCode'] });
            wx.ready(function () { resolve(true); });
            wx.error(function () { resolve(false); });
          })
          .catch(function () { resolve(false); });
      };
      document.head.appendChild(script);
    });
    return wxReady;
  }

  /** WeChat answers a barcode as "CODE_128,RP…"; a QR code as its text. */
  function plain(result) {
    var m = /^[A-Z0-9_]+,(.+)$/.exec(result || '');
    return (m ? m[1] : result || '').trim();
  }

  var box = document.getElementById('scanner');
  var video = document.getElementById('scanner-video');
  var input = document.getElementById('code-input');
  var finish = null;

  function stopCamera() {
    if (video.srcObject) {
      video.srcObject.getTracks().forEach(function (t) { t.stop(); });
      video.srcObject = null;
    }
    if (finish && finish.zxing) { finish.zxing.stop(); }
    video.hidden = true;
  }

  function done(value) {
    var f = finish;
    finish = null;
    if (f && f.controls) { f.controls.stop(); }
    stopCamera();
    box.hidden = true;
    if (f) { f.resolve(value); }
  }

  document.getElementById('code-ok').addEventListener('click', function () {
    var v = input.value.trim();
    if (v) { done(v); }
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { e.preventDefault(); document.getElementById('code-ok').click(); }
  });
  document.getElementById('code-cancel').addEventListener('click', function () { done(null); });

  function loadZxing() {
    if (window.ZXingBrowser) { return Promise.resolve(window.ZXingBrowser); }
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = '/courier/vendor/zxing-browser.min.js';
      s.onload = function () { resolve(window.ZXingBrowser); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  /** Starts the camera only where there is one (no ZXing to parse on a phone without). */
  function camera(state) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !navigator.mediaDevices.enumerateDevices) { return; }
    navigator.mediaDevices.enumerateDevices().then(function (devices) {
      if (finish === state && devices.some(function (d) { return d.kind === 'videoinput'; })) { read(state); }
    }).catch(function () { /* typing remains */ });
  }

  function read(state) {
    if ('BarcodeDetector' in window) {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
        if (finish !== state) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var detector = new window.BarcodeDetector({ formats: ['qr_code', 'code_128'] });
        (function look() {
          if (finish !== state) { return; }
          detector.detect(video).then(function (found) {
            if (found.length) { done(found[0].rawValue.trim()); } else { setTimeout(look, 250); }
          }).catch(function () { setTimeout(look, 500); });
        }());
      }).catch(function () { /* no camera or no permission: typing remains */ });
      return;
    }
    loadZxing().then(function (ZX) {
      if (finish !== state) { return; }
      video.hidden = false;
      return new ZX.BrowserMultiFormatReader().decodeFromVideoDevice(undefined, video, function (result) {
        if (result && finish === state) { done(result.getText().trim()); }
      }).then(function (controls) {
        if (finish === state) { state.controls = controls; } else { controls.stop(); }
      });
    }).catch(function () { video.hidden = true; });
  }

  function overlay(title) {
    if (finish) { done(null); }
    return new Promise(function (resolve) {
      finish = { resolve: resolve };
      document.getElementById('scanner-title').textContent = title;
      input.value = '';
      box.hidden = false;
      input.focus();
      camera(finish);
    });
  }

  /** Answers the code read (trimmed), or null when the courier cancelled. */
  function code(title) {
    return wxReady.then(function (ok) {
      if (!ok) { return overlay(title); }
      return new Promise(function (resolve) {
        wx.scanQRCode({
          needResult: 1, scanType: ['qrCode', 'barCode'],
          success: function (r) { resolve(plain(r.resultStr)); },
          cancel: function () { resolve(null); },
          fail: function () { resolve(overlay(title)); }
        });
      });
    });
  }

  return { setup: setup, code: code, plain: plain };
}());

/*
 * The courier app: pick up handover batches, post with an EMS waybill, deliver step by step.
 * Waybills and delivery steps are queued in IndexedDB first and sent through the offline batch endpoint, so a
 * lift or a village without signal loses nothing; the header says how many wait.
 */
(function () {
  'use strict';

  var STAGES = ['POSTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'];
  var LABELS = { HANDED_OVER: '待寄出', POSTED: '已寄出', IN_TRANSIT: '已封发', OUT_FOR_DELIVERY: '派送中',
    DELIVERED: '已妥投', DELIVERY_FAILED: '投递失败', RETURNED: '已退回' };
  /** What one tap does in each stage. */
  var STEPS = {
    POSTED: [['IN_TRANSIT', '封发', 'weui-btn_primary']],
    IN_TRANSIT: [['OUT_FOR_DELIVERY', '出班投递', 'weui-btn_primary']],
    OUT_FOR_DELIVERY: [['DELIVERED', '妥投', 'weui-btn_primary'], ['DELIVERY_FAILED', '投递失败', 'weui-btn_warn']],
    DELIVERY_FAILED: [['OUT_FOR_DELIVERY', '再次投递', 'weui-btn_primary'], ['RETURNED', '退回', 'weui-btn_default']]
  };
  var REASONS = ['收件人不在', '电话无人接听', '地址错误或不详', '收件人拒收', '其他原因'];
  var S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

  var me = JSON.parse(localStorage.getItem('courier.me') || 'null');
  var orders = [];
  // Phones the courier chose to show, kept (in memory only) so the list's refreshes do not hide them again.
  var revealed = {};
  var batch = null;
  var flushing = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'className') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  var toastTimer = null;
  function toast(text) {
    var t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, 4000);
  }

  function setOnline(online) {
    $('net').textContent = online ? '在线' : '离线';
    $('net').classList.toggle('offline', !online);
  }

  /** A fetch to our API; rejects only when the network is gone. */
  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (method !== 'GET') { headers['X-CSRF-Token'] = localStorage.getItem('courier.csrf') || ''; }
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        setOnline(true);
        if (r.status === 401) { signedOut(); }
        return r;
      }, function (e) {
        setOnline(false);
        throw e;
      });
  }

  function problem(r) {
    return r.json().then(function (p) {
      var fields = (p.errors || []).map(function (e) { return e.field + ' ' + e.message; }).join('；');
      return p.detail || fields || p.title || ('HTTP ' + r.status);
    }, function () { return 'HTTP ' + r.status; });
  }

  // ---- sign-in ----

  function signedOut() {
    me = null;
    localStorage.removeItem('courier.me');
    $('app').hidden = true;
    $('login').hidden = false;
  }

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var f = e.target;
    $('login-error').hidden = true;
    api('POST', '/api/v1/staff/session', { username: f.username.value, password: f.password.value }).then(function (r) {
      if (!r.ok) { return problem(r).then(function (d) { throw new Error(r.status === 401 ? '用户名或密码错误' : d); }); }
      return r.json();
    }).then(function (who) {
      if (who.role !== 'COURIER') { throw new Error('此应用仅供快递员使用'); }
      localStorage.setItem('courier.csrf', who.csrfToken);
      delete who.csrfToken;
      localStorage.setItem('courier.me', JSON.stringify(who));
      me = who;
      start();
    }).catch(function (err) {
      $('login-error').textContent = err instanceof TypeError ? '无网络，无法登录' : err.message;
      $('login-error').hidden = false;
    });
  });

  $('logout').addEventListener('click', function () {
    api('DELETE', '/api/v1/staff/session').catch(function () {}).then(signedOut);
  });

  // ---- tabs ----

  function showTab(name) {
    ['pickup', 'post', 'deliver', 'me'].forEach(function (t) { $('tab-' + t).hidden = t !== name; });
    document.querySelectorAll('[data-tab]').forEach(function (b) {
      b.classList.toggle('weui-bar__item_on', b.dataset.tab === name);
    });
  }
  document.querySelectorAll('[data-tab]').forEach(function (b) {
    b.addEventListener('click', function () { location.hash = b.dataset.tab; });
  });
  window.addEventListener('hashchange', function () { showTab(tabOf()); });
  function tabOf() {
    var t = location.hash.replace('#', '');
    return ['pickup', 'post', 'deliver', 'me'].indexOf(t) >= 0 ? t : 'pickup';
  }

  // ---- the queue ----

  function refreshCount() {
    return CourierStore.count().then(function (n) { $('queue-count').textContent = String(n); });
  }

  function queue(orderNo, type, note, waybillNo) {
    var action = { orderNo: orderNo, type: type, at: new Date().toISOString(),
      location: document.querySelector('[name=place]').value.trim(), note: note || '' };
    if (waybillNo) { action.waybillNo = waybillNo; }
    return CourierStore.add(action).then(function () {
      toast('已记录：' + orderNo + ' ' + LABELS[type] + (waybillNo ? '，运单号 ' + waybillNo : ''));
      return refreshCount();
    }).then(renderOrders).then(flush);
  }

  /** Sends every waiting action; each stays queued until the server answered for it. */
  function flush() {
    if (flushing || !me) { return Promise.resolve(); }
    flushing = true;
    return CourierStore.all().then(function (waiting) {
      if (!waiting.length) { return null; }
      var events = waiting.map(function (a) {
        var e = { eventId: a.eventId, orderNo: a.orderNo, type: a.type, at: a.at, location: a.location, note: a.note };
        if (a.waybillNo) { e.waybillNo = a.waybillNo; }
        return e;
      });
      return api('POST', '/api/v1/staff/events', { events: events }).then(function (r) {
        if (r.ok) {
          return r.json().then(function (body) {
            var refused = body.results.filter(function (x) { return x.result === 'REFUSED'; });
            return remember(refused.map(function (x) { return x.orderNo + ' ' + LABELS[x.type] + '：' + x.error; }))
              .then(function () { return CourierStore.remove(body.results.map(function (x) { return x.eventId; })); });
          });
        }
        if (r.status === 400) {
          // The whole batch was refused as malformed: keeping it would block the queue for ever.
          return problem(r).then(function (d) {
            return remember(waiting.map(function (a) { return a.orderNo + ' ' + LABELS[a.type] + '：' + d; }));
          }).then(function () { return CourierStore.remove(waiting.map(function (a) { return a.eventId; })); });
        }
        return null;
      }).then(function () { return loadOrders(); });
    }).catch(function () { /* no network: the queue waits */ })
      .then(function () { flushing = false; return refreshCount(); });
  }

  function remember(lines) {
    if (!lines.length) { return Promise.resolve(); }
    return CourierStore.get('refused').then(function (old) {
      var all = (old || []).concat(lines).slice(-50);
      toast('有 ' + lines.length + ' 个操作未能生效，见“我的”');
      return CourierStore.put('refused', all).then(renderRefused);
    });
  }

  function renderRefused() {
    return CourierStore.get('refused').then(function (list) {
      list = list || [];
      $('refused').hidden = list.length === 0;
      $('refused-list').replaceChildren.apply($('refused-list'), list.map(function (l) { return el('li', { text: l }); }));
    });
  }

  // ---- orders ----

  /** Every order of one stage, page after page (the list answers {items, nextCursor}). */
  function ordersOf(status, cursor, found) {
    var path = '/api/v1/staff/orders?limit=200&status=' + status + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return api('GET', path).then(function (r) {
      return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status));
    }).then(function (page) {
      var all = found.concat(page.items);
      return page.nextCursor ? ordersOf(status, page.nextCursor, all) : all;
    });
  }

  function loadOrders() {
    var statuses = ['HANDED_OVER'].concat(STAGES);
    return Promise.all(statuses.map(function (s) { return ordersOf(s, null, []); })).then(function (lists) {
      orders = [].concat.apply([], lists);
      return CourierStore.put('orders', orders);
    }).catch(function () {
      return CourierStore.get('orders').then(function (cached) { orders = cached || orders; });
    }).then(renderOrders);
  }

  /** The status the courier has made it, waiting actions included. */
  function withQueue() {
    return CourierStore.all().then(function (waiting) {
      return orders.map(function (o) {
        var mine = waiting.filter(function (a) { return a.orderNo === o.orderNo; });
        var posted = mine.filter(function (a) { return a.waybillNo; }).pop();
        return { order: o, status: mine.length ? mine[mine.length - 1].type : o.status, waiting: mine.length,
          waybillNo: o.waybillNo || (posted && posted.waybillNo) };
      });
    });
  }

  function renderOrders() {
    // A failure reason being chosen survives the refresh.
    var reasons = {};
    document.querySelectorAll('#deliver-list select').forEach(function (s) { reasons[s.name] = s.value; });
    return withQueue().then(function (list) {
      renderPost(list.filter(function (x) { return x.status === 'HANDED_OVER'; }));
      var groups = STAGES.map(function (stage) {
        var items = list.filter(function (x) { return x.status === stage; });
        if (!items.length) { return null; }
        return el('div', { 'data-stage': stage }, [el('p', { className: 'stage', text: LABELS[stage] + '（' + items.length + '）' })]
          .concat(items.map(deliverCard)));
      }).filter(Boolean);
      var done = list.filter(function (x) { return (x.status === 'DELIVERED' || x.status === 'RETURNED') && x.waiting; });
      if (done.length) {
        groups.push(el('div', { 'data-stage': 'DONE' }, [el('p', { className: 'stage', text: '已完成，待发送' })]
          .concat(done.map(deliverCard))));
      }
      $('deliver-list').replaceChildren.apply($('deliver-list'),
        groups.length ? groups : [el('p', { className: 'hint', text: '暂无待投递的邮件。' })]);
      document.querySelectorAll('#deliver-list select').forEach(function (s) {
        if (reasons[s.name]) { s.value = reasons[s.name]; }
      });
    });
  }

  function address(o) {
    var r = o.recipient;
    return [r.province, r.city, r.district, r.address].filter(Boolean).join('');
  }

  function deliverCard(x) {
    var o = x.order;
    var no = o.orderNo;
    var status = el('span', { className: 'status' + (x.waiting ? ' pending' : ''),
      text: LABELS[x.status] + (x.waiting ? '（待发送）' : '') });
    var phone = el('span', { id: 'phone-' + no, text: revealed[no] || o.recipient.phone || '' });
    var call = revealed[no]
      ? el('a', { className: 'weui-btn weui-btn_mini weui-btn_primary', href: 'tel:' + revealed[no], text: '拨打' })
      : el('button', { className: 'weui-btn weui-btn_mini weui-btn_default', type: 'button', 'data-call': no, text: '显示电话' });
    if (!revealed[no]) { call.addEventListener('click', function () { revealPhone(no); }); }
    var card = el('div', { className: 'card', 'data-order': no }, [
      el('h3', {}, [el('span', { text: no }), status]),
      el('p', { text: '收件人：' + o.recipient.name }),
      el('p', { text: '地址：' + address(o) }),
      // The resident changed the address after the envelope was labelled: deliver to the new one.
      o.reprintNeeded ? el('p', { className: 'changed', text: '收件地址已变更：请按上面的新地址投递，信封上的标签是旧地址' }) : null,
      el('p', {}, [document.createTextNode('电话：'), phone, document.createTextNode(' '), call]),
      x.waybillNo ? el('p', { text: '运单号：' + x.waybillNo }) : null
    ]);
    var row = el('div', { className: 'row' });
    (STEPS[x.status] || []).forEach(function (step) {
      if (step[0] === 'DELIVERY_FAILED') {
        var select = el('select', { name: 'reason-' + no },
          REASONS.map(function (r) { return el('option', { value: r, text: r }); }));
        row.appendChild(select);
      }
      var b = el('button', { className: 'weui-btn ' + step[2], type: 'button', 'data-step': step[0], 'data-order-no': no, text: step[1] });
      b.addEventListener('click', function () {
        var reason = step[0] === 'DELIVERY_FAILED' ? card.querySelector('select').value : '';
        queue(no, step[0], reason);
      });
      row.appendChild(b);
    });
    card.appendChild(row);
    return card;
  }

  /** Shows the full number: kept in revealed, which every render of the list reads. */
  function revealPhone(no) {
    api('POST', '/api/v1/courier/orders/' + encodeURIComponent(no) + '/phone').then(function (r) {
      if (!r.ok) { return problem(r).then(function (d) { toast('无法显示电话：' + d); }); }
      return r.json().then(function (p) {
        revealed[no] = p.phone;
        return renderOrders();
      });
    }).catch(function () { toast('无网络，暂时无法显示电话'); });
  }

  // ---- post: the waybill ----

  function normaliseWaybill(raw) { return raw.replace(/[\s\u3000]/g, '').toUpperCase(); }

  /** The same rule as the server (order/model/WaybillNumber): 13 digits, or S10 with its check digit. */
  function waybillProblem(n) {
    if (/^\d{13}$/.test(n)) { return null; }
    if (!/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(n)) { return '运单号应为 13 位数字，或 2 个字母 + 9 位数字 + 2 个字母（如 EE123456785CN）'; }
    var sum = 0;
    for (var i = 0; i < 8; i++) { sum += Number(n.charAt(2 + i)) * S10_WEIGHTS[i]; }
    var check = 11 - sum % 11;
    if (check === 10) { check = 0; } else if (check === 11) { check = 5; }
    return String(check) === n.charAt(10) ? null : '运单号校验位不对，请重新扫描或输入';
  }

  /** Keeps the cards still listed as they are, so a refresh never wipes a number being typed. */
  function renderPost(items) {
    var list = $('post-list');
    var listed = {};
    items.forEach(function (x) { listed[x.order.orderNo] = true; });
    Array.prototype.slice.call(list.children).forEach(function (c) {
      if (!listed[c.dataset.order]) { c.remove(); }
    });
    items.forEach(function (x) {
      if (!list.querySelector('[data-order="' + x.order.orderNo + '"]')) { list.appendChild(postCard(x)); }
    });
    if (!items.length) { list.replaceChildren(el('p', { className: 'hint', text: '暂无待寄出的邮件。' })); }
  }

  function postCard(x) {
    var no = x.order.orderNo;
    var input = el('input', { name: 'waybill-' + no, autocomplete: 'off', placeholder: '扫描或输入 EMS 运单号' });
    var error = el('p', { className: 'waybill-error', id: 'waybill-error-' + no, hidden: '' });
    var scan = el('button', { className: 'weui-btn weui-btn_default', type: 'button', 'data-scan-waybill': no, text: '扫描运单' });
    var save = el('button', { className: 'weui-btn weui-btn_primary', type: 'button', 'data-waybill': no, text: '寄出' });
    scan.addEventListener('click', function () {
      Scan.code('扫描 EMS 运单条码').then(function (code) { if (code) { input.value = code; } });
    });
    save.addEventListener('click', function () { postWaybill(no, input, error); });
    return el('div', { className: 'card', 'data-order': no }, [
      el('h3', {}, [el('span', { text: no })]),
      el('p', { text: '收件人：' + x.order.recipient.name + '，' + address(x.order) }),
      el('div', { className: 'row' }, [input, scan, save]), error]);
  }

  /** Queued like every step, so posting works without signal; the server checks the number again. */
  function postWaybill(no, input, error) {
    var n = normaliseWaybill(input.value);
    var p = waybillProblem(n);
    error.hidden = !p;
    error.textContent = p || '';
    if (p) { return; }
    queue(no, 'POSTED', '', n);
  }

  // ---- pick up ----

  var siteNames = {};

  /** Names of the sites in the courier's cities (the public catalogue), kept for offline use. */
  function loadSites() {
    return Promise.all((me.cityCodes || []).map(function (city) {
      return api('GET', '/api/v1/cities/' + encodeURIComponent(city) + '/sites')
        .then(function (r) { return r.ok ? r.json() : []; });
    })).then(function (lists) {
      [].concat.apply([], lists).forEach(function (site) { siteNames[site.code] = site.name; });
      return CourierStore.put('sites', siteNames);
    }).catch(function () {
      return CourierStore.get('sites').then(function (cached) { siteNames = cached || siteNames; });
    });
  }

  function siteName(code) {
    return siteNames[code] ? siteNames[code] + '（' + code + '）' : code;
  }

  function loadBatches() {
    return api('GET', '/api/v1/staff/handovers?status=OPEN').then(function (r) {
      return r.ok ? r.json() : [];
    }).then(function (list) {
      return CourierStore.put('batches', list).then(function () { return list; });
    }).catch(function () {
      return CourierStore.get('batches').then(function (c) { return c || []; });
    }).then(function (list) {
      var rows = list.map(function (b) {
        var open = el('button', { className: 'weui-btn weui-btn_mini weui-btn_default', type: 'button', 'data-batch': b.handoverNo, text: '打开' });
        open.addEventListener('click', function () { openBatch(b.handoverNo); });
        return el('div', { className: 'weui-cell' }, [
          el('span', { className: 'weui-cell__bd', text: siteName(b.siteCode) + ' · ' + b.count + ' 封 · ' + b.handoverNo }), open]);
      });
      $('batches').replaceChildren.apply($('batches'),
        rows.length ? rows : [el('p', { className: 'hint', text: '你负责的城市暂无待揽收的交接单。' })]);
    });
  }

  function openBatch(handoverNo) {
    return api('GET', '/api/v1/staff/handovers/' + encodeURIComponent(handoverNo)).then(function (r) {
      if (!r.ok) { return problem(r).then(function (d) { toast('找不到交接单 ' + handoverNo + '：' + d); }); }
      return r.json().then(function (b) {
        if (b.status !== 'OPEN') { toast('交接单 ' + handoverNo + ' 已确认过'); return; }
        batch = b;
        $('batch-no').textContent = b.handoverNo;
        $('batch-site').textContent = siteName(b.siteCode);
        $('batch-count').textContent = String(b.orderNos.length);
        $('batch-items').replaceChildren.apply($('batch-items'), b.orderNos.map(function (no) {
          return el('label', { className: 'weui-cell weui-check__label' }, [
            el('span', { className: 'weui-cell__hd' }, [el('input', { type: 'checkbox', name: 'received', value: no })]),
            el('span', { className: 'weui-cell__bd', text: no })]);
        }));
        $('batch').hidden = false;
        countReceived();
      });
    }).catch(function () { toast('揽收确认需要联网'); });
  }

  function countReceived() {
    $('batch-received').textContent = String(document.querySelectorAll('[name=received]:checked').length);
  }
  $('batch-items').addEventListener('change', countReceived);

  $('scan-sheet').addEventListener('click', function () {
    Scan.code('扫描交接单上的二维码').then(function (code) { if (code) { openBatch(code.toUpperCase()); } });
  });

  $('scan-envelope').addEventListener('click', function () {
    Scan.code('扫描信封上的条码').then(function (code) {
      if (!code || !batch) { return; }
      var box = document.querySelector('[name=received][value="' + code.toUpperCase().replace(/"/g, '') + '"]');
      if (!box) { toast(code + ' 不在本交接单中'); return; }
      box.checked = true;
      countReceived();
      toast('已勾选 ' + box.value);
    });
  });

  $('confirm-batch').addEventListener('click', function () {
    var received = Array.prototype.map.call(document.querySelectorAll('[name=received]:checked'), function (b) { return b.value; });
    if (!received.length) { toast('请先扫描或勾选收到的信封'); return; }
    api('POST', '/api/v1/staff/handovers/' + encodeURIComponent(batch.handoverNo) + '/confirm', { received: received })
      .then(function (r) {
        if (!r.ok) { return problem(r).then(function (d) { toast('确认失败：' + d); }); }
        return r.json().then(function (b) {
          toast('交接单 ' + b.handoverNo + ' 已确认：收到 ' + b.received.length + ' 封，未收到 ' + b.missing.length + ' 封');
          batch = null;
          $('batch').hidden = true;
          return Promise.all([loadBatches(), loadOrders()]);
        });
      }).catch(function () { toast('揽收确认需要联网，请有信号时再提交'); });
  });

  // ---- me ----

  function renderMe() {
    $('me-name').textContent = me.username;
    $('me-cities').textContent = (me.cityCodes || []).join('、');
    api('GET', '/api/v1/courier/wechat').then(function (r) { return r.ok ? r.json() : null; }).then(function (w) {
      if (w) {
        $('me-wechat').textContent = w.bound ? '已绑定' : '未绑定';
        $('bind-wechat').textContent = w.bound ? '重新绑定微信' : '绑定微信，接收新交接单提醒';
      }
    }).catch(function () {});
    return renderRefused();
  }

  // ---- start ----

  function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    showTab(tabOf());
    if (/[?&]wechat=bound/.test(location.search)) { toast('微信已绑定，新的交接单会通知你'); }
    Scan.setup();
    return Promise.all([renderMe(), refreshCount(), loadSites().then(loadBatches),
      CourierStore.get('orders').then(function (cached) { orders = cached || []; return renderOrders(); })])
      .then(loadOrders).then(flush);
  }

  window.addEventListener('online', flush);
  setInterval(flush, 3000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/courier/sw.js', { scope: '/courier/' }).catch(function () {});
  }
  if (me) {
    start();
    api('GET', '/api/v1/staff/me').catch(function () {});
  } else {
    signedOut();
  }
}());

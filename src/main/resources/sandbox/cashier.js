// The sandbox's stand-in for WeChat's payment sheet: shows what WeChat Pay holds for the order,
// and "pays" through the same control the tests use, then returns to the product's result page.
(function () {
  var params = new URLSearchParams(location.search);
  var outTradeNo = params.get('outTradeNo');
  var back = params.get('return') || '/';
  var button = document.getElementById('pay');
  var message = document.getElementById('message');

  fetch('/sandbox/pay/' + encodeURIComponent(outTradeNo)).then(function (r) {
    if (!r.ok) { throw new Error('WeChat Pay has no such order'); }
    return r.json();
  }).then(function (order) {
    document.getElementById('description').textContent = order.description;
    document.getElementById('amount').textContent = '¥' + (order.amountFen / 100).toFixed(2);
    button.disabled = order.state !== 'NOTPAY';
    if (order.state === 'SUCCESS') { message.textContent = '该订单已支付'; }
  }).catch(function (e) { message.textContent = e.message; });

  button.addEventListener('click', function () {
    button.disabled = true;
    fetch('/sandbox/pay/' + encodeURIComponent(outTradeNo) + '/succeed', { method: 'POST' }).then(function (r) {
      if (!r.ok) { throw new Error('支付失败，请重试'); }
      location.href = back;
    }).catch(function (e) { message.textContent = e.message; button.disabled = false; });
  });
})();

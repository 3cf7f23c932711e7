package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WeChat Pay API v3 as the merchant sees it: JSAPI orders, query, close, refunds, and the
 * payer's side (pay, refunds completing). Requests must carry a valid merchant signature;
 * answers and notifies are signed with WeChat Pay's key. State lives on the sandbox's one event loop.
 */
final class SandboxPay {

  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /** One JSAPI order as WeChat Pay keeps it. */
  static final class Transaction {
    String outTradeNo;
    String appId;
    String description;
    int total;
    String openid;
    String notifyUrl;
    String prepayId;
    String state = "NOTPAY";
    String transactionId;
    String successTime;
  }

  /** One refund. */
  static final class Refund {
    String outRefundNo;
    String outTradeNo;
    String refundId;
    int refund;
    int total;
    String notifyUrl;
    String status = "PROCESSING";
    String createTime;
    String successTime;
  }

  private final Vertx vertx;
  private final SandboxKeys keys;
  private final PaySigning signing;
  private final Notifier notifier;
  private final Faults faults;
  private final long refundDelayMillis;
  private final Map<String, Transaction> transactions = new HashMap<>();
  private final Map<String, Refund> refunds = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong(4200000000L);

  SandboxPay(Vertx vertx, SandboxKeys keys, PaySigning signing, Notifier notifier, Faults faults, long refundDelayMillis) {
    this.vertx = vertx;
    this.keys = keys;
    this.signing = signing;
    this.notifier = notifier;
    this.faults = faults;
    this.refundDelayMillis = refundDelayMillis;
  }

  void mount(Router router) {
    router.post("/v3/pay/transactions/jsapi").handler(ctx -> signing.guard(ctx, "jsapi", this::createJsapi));
    router.get("/v3/pay/transactions/out-trade-no/:no").handler(ctx -> signing.guard(ctx, "query", this::query));
    router.post("/v3/pay/transactions/out-trade-no/:no/close").handler(ctx -> signing.guard(ctx, "close", this::close));
    router.post("/v3/refund/domestic/refunds").handler(ctx -> signing.guard(ctx, "refund", this::refund));
    router.get("/v3/refund/domestic/refunds/:no").handler(ctx -> signing.guard(ctx, "refund-query", this::refundQuery));

    router.post("/sandbox/pay/:no/succeed").handler(this::paySucceed);
    router.get("/sandbox/pay/:no").handler(ctx -> {
      Transaction t = transactions.get(ctx.pathParam("no"));
      if (t == null) {
        ctx.response().setStatusCode(404).end(new JsonObject().put("error", "no such order at WeChat Pay").encode());
        return;
      }
      ctx.json(new JsonObject().put("outTradeNo", t.outTradeNo).put("amountFen", t.total)
          .put("description", t.description).put("state", t.state));
    });
    router.post("/sandbox/refunds/:no/succeed").handler(ctx -> {
      Refund r = refunds.get(ctx.pathParam("no"));
      if (r == null) {
        ctx.response().setStatusCode(404).end();
        return;
      }
      completeRefund(r);
      ctx.json(refundJson(r));
    });
    router.get("/sandbox/refunds").handler(ctx -> {
      String outTradeNo = ctx.request().getParam("outTradeNo");
      JsonArray list = new JsonArray();
      refunds.values().stream().filter(r -> outTradeNo == null || r.outTradeNo.equals(outTradeNo))
          .forEach(r -> list.add(refundJson(r)));
      ctx.json(new JsonObject().put("refunds", list));
    });
  }

  private void createJsapi(RoutingContext ctx, JsonObject body) {
    String outTradeNo = body.getString("out_trade_no");
    JsonObject amount = body.getJsonObject("amount", new JsonObject());
    String openid = body.getJsonObject("payer", new JsonObject()).getString("openid");
    if (outTradeNo == null || amount.getInteger("total") == null || openid == null || body.getString("notify_url") == null) {
      signing.error(ctx, 400, "PARAM_ERROR", "out_trade_no, amount.total, payer.openid and notify_url are required");
      return;
    }
    if (!keys.mchId().equals(body.getString("mchid"))) {
      signing.error(ctx, 400, "MCH_NOT_EXISTS", "商户号不存在");
      return;
    }
    Transaction t = transactions.get(outTradeNo);
    if (t != null && !"NOTPAY".equals(t.state)) {
      signing.error(ctx, 400, "SUCCESS".equals(t.state) ? "ORDERPAID" : "ORDERCLOSED", "订单已支付或已关闭");
      return;
    }
    if (t == null) {
      t = new Transaction();
      t.outTradeNo = outTradeNo;
      t.prepayId = "wx" + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("ddHHmmss"))
          + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
      transactions.put(outTradeNo, t);
    }
    t.appId = body.getString("appid");
    t.description = body.getString("description");
    t.total = amount.getInteger("total");
    t.openid = openid;
    t.notifyUrl = body.getString("notify_url");
    signing.answer(ctx, 200, new JsonObject().put("prepay_id", t.prepayId));
  }

  private void query(RoutingContext ctx, JsonObject body) {
    Transaction t = transactions.get(ctx.pathParam("no"));
    if (t == null) {
      signing.error(ctx, 404, "ORDER_NOT_EXIST", "订单不存在");
      return;
    }
    signing.answer(ctx, 200, transactionJson(t));
  }

  private void close(RoutingContext ctx, JsonObject body) {
    Transaction t = transactions.get(ctx.pathParam("no"));
    if (t == null) {
      signing.error(ctx, 404, "ORDER_NOT_EXIST", "订单不存在");
      return;
    }
    if ("SUCCESS".equals(t.state)) {
      signing.error(ctx, 400, "ORDERPAID", "订单已支付");
      return;
    }
    t.state = "CLOSED";
    signing.answer(ctx, 204, null);
  }

  private void refund(RoutingContext ctx, JsonObject body) {
    String outRefundNo = body.getString("out_refund_no");
    Refund existing = refunds.get(outRefundNo);
    if (existing != null) {
      // The same out_refund_no is the same refund: asking again never refunds twice.
      signing.answer(ctx, 200, refundJson(existing));
      return;
    }
    Transaction t = transactions.get(body.getString("out_trade_no", ""));
    JsonObject amount = body.getJsonObject("amount", new JsonObject());
    if (t == null || !"SUCCESS".equals(t.state)) {
      signing.error(ctx, 400, "RESOURCE_NOT_EXISTS", "订单不存在或未支付");
      return;
    }
    int already = refunds.values().stream().filter(r -> r.outTradeNo.equals(t.outTradeNo)).mapToInt(r -> r.refund).sum();
    Integer refund = amount.getInteger("refund");
    if (refund == null || refund <= 0 || amount.getInteger("total", -1) != t.total || already + refund > t.total) {
      signing.error(ctx, 400, "INVALID_REQUEST", "退款金额不正确");
      return;
    }
    Refund r = new Refund();
    r.outRefundNo = outRefundNo;
    r.outTradeNo = t.outTradeNo;
    r.refundId = "50" + sequence.incrementAndGet();
    r.refund = refund;
    r.total = t.total;
    r.notifyUrl = body.getString("notify_url");
    r.createTime = now();
    refunds.put(outRefundNo, r);
    vertx.setTimer(refundDelayMillis, id -> completeRefund(r));
    signing.answer(ctx, 200, refundJson(r));
  }

  private void refundQuery(RoutingContext ctx, JsonObject body) {
    Refund r = refunds.get(ctx.pathParam("no"));
    if (r == null) {
      signing.error(ctx, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
      return;
    }
    signing.answer(ctx, 200, refundJson(r));
  }

  /** The payer pays: record it and notify, as many times as asked, or not at all. */
  private void paySucceed(RoutingContext ctx) {
    Transaction t = transactions.get(ctx.pathParam("no"));
    if (t == null) {
      ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "no JSAPI order " + ctx.pathParam("no") + " at WeChat Pay").encode());
      return;
    }
    if ("NOTPAY".equals(t.state)) {
      t.state = "SUCCESS";
      t.transactionId = "42" + sequence.incrementAndGet();
      t.successTime = now();
    } else if (!"SUCCESS".equals(t.state)) {
      ctx.response().setStatusCode(409).end(new JsonObject().put("error", "the order is " + t.state).encode());
      return;
    }
    boolean notify = !"false".equals(ctx.request().getParam("notify"));
    int times = Integer.parseInt(ctx.request().getParam("times", "1"));
    if (notify) {
      JsonObject resource = transactionJson(t);
      for (int i = 0; i < times; i++) {
        notifier.send(t.notifyUrl, "TRANSACTION.SUCCESS", "transaction", "支付成功", resource);
      }
    }
    ctx.json(transactionJson(t));
  }

  private void completeRefund(Refund r) {
    if ("SUCCESS".equals(r.status)) {
      return;
    }
    r.status = "SUCCESS";
    r.successTime = now();
    if (r.notifyUrl != null) {
      notifier.send(r.notifyUrl, "REFUND.SUCCESS", "refund", "退款成功", new JsonObject()
          .put("mchid", keys.mchId()).put("out_trade_no", r.outTradeNo).put("transaction_id",
              transactions.get(r.outTradeNo).transactionId).put("out_refund_no", r.outRefundNo).put("refund_id", r.refundId)
          .put("refund_status", "SUCCESS").put("success_time", r.successTime).put("user_received_account", "支付用户零钱")
          .put("amount", new JsonObject().put("total", r.total).put("refund", r.refund).put("payer_total", r.total)
              .put("payer_refund", r.refund)));
    }
  }

  private JsonObject transactionJson(Transaction t) {
    JsonObject json = new JsonObject().put("appid", t.appId).put("mchid", keys.mchId()).put("out_trade_no", t.outTradeNo)
        .put("trade_type", "JSAPI").put("trade_state", t.state).put("trade_state_desc", t.state)
        .put("payer", new JsonObject().put("openid", t.openid))
        .put("amount", new JsonObject().put("total", t.total).put("payer_total", "SUCCESS".equals(t.state) ? t.total : 0)
            .put("currency", "CNY").put("payer_currency", "CNY"));
    if (t.transactionId != null) {
      json.put("transaction_id", t.transactionId).put("success_time", t.successTime).put("bank_type", "OTHERS");
    }
    return json;
  }

  private JsonObject refundJson(Refund r) {
    return new JsonObject().put("refund_id", r.refundId).put("out_refund_no", r.outRefundNo)
        .put("transaction_id", transactions.get(r.outTradeNo).transactionId).put("out_trade_no", r.outTradeNo)
        .put("channel", "ORIGINAL").put("user_received_account", "支付用户零钱").put("status", r.status)
        .put("create_time", r.createTime).put("success_time", r.successTime).put("funds_account", "AVAILABLE")
        .put("amount", new JsonObject().put("total", r.total).put("refund", r.refund).put("payer_total", r.total)
            .put("payer_refund", r.refund).put("settlement_refund", r.refund).put("settlement_total", r.total)
            .put("discount_refund", 0).put("currency", "CNY"));
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).format(RFC3339);
  }

  static Buffer empty() {
    return Buffer.buffer();
  }
}

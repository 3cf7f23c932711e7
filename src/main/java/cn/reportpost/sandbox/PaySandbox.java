package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat Pay API v3 for one direct merchant: JSAPI orders, query, close, refunds. State is kept
 * in WeChat's own JSON shapes, so what the product reads is what WeChat would send.
 */
final class PaySandbox {

  private final Vertx vertx;
  private final SandboxSettings settings;
  private final PayWire wire;
  private final Notifier notifier;
  private final Map<String, JsonObject> trades = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> notifyUrls = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
  private final java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

  PaySandbox(Vertx vertx, SandboxSettings settings, PayWire wire, Notifier notifier) {
    this.vertx = vertx;
    this.settings = settings;
    this.wire = wire;
    this.notifier = notifier;
  }

  void mount(Router router) {
    router.route("/v3/*").handler(wire::authenticate);
    router.post("/v3/pay/transactions/jsapi").handler(this::create);
    router.get("/v3/pay/transactions/out-trade-no/:no").handler(this::query);
    router.post("/v3/pay/transactions/out-trade-no/:no/close").handler(this::close);
    router.post("/v3/refund/domestic/refunds").handler(this::refund);
    router.get("/v3/refund/domestic/refunds/:no").handler(this::queryRefund);
  }

  private void create(RoutingContext ctx) {
    JsonObject r = ctx.body().asJsonObject();
    String no = r.getString("out_trade_no", "");
    JsonObject amount = r.getJsonObject("amount", new JsonObject());
    String openid = r.getJsonObject("payer", new JsonObject()).getString("openid", "");
    // The merchant is bound to both apps: the official account and the mini-program.
    String appId = r.getString("appid", "");
    boolean boundApp = appId.equals(settings.appId()) || appId.equals(settings.maAppId());
    if (!boundApp || !settings.mchId().equals(r.getString("mchid"))) {
      wire.error(ctx, 400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    } else if (no.isBlank() || openid.isBlank() || amount.getInteger("total", 0) <= 0
        || r.getString("description", "").isBlank() || r.getString("notify_url", "").isBlank()) {
      wire.error(ctx, 400, "PARAM_ERROR", "参数错误: out_trade_no, description, notify_url, amount.total, payer.openid");
    } else if (trades.containsKey(no) && !"NOTPAY".equals(trades.get(no).getString("trade_state"))) {
      wire.error(ctx, 400, "ORDERPAID", "该订单已支付或已关闭");
    } else if (trades.containsKey(no) && !trades.get(no).getJsonObject("amount").getInteger("total").equals(amount.getInteger("total"))) {
      wire.error(ctx, 400, "INVALID_REQUEST", "201 商户订单号重复");
    } else {
      JsonObject trade = trades.computeIfAbsent(no, k -> new JsonObject()
          .put("appid", appId).put("mchid", settings.mchId()).put("out_trade_no", no)
          .put("trade_type", "JSAPI").put("trade_state", "NOTPAY").put("trade_state_desc", "订单未支付")
          .put("payer", new JsonObject().put("openid", openid))
          .put("amount", new JsonObject().put("total", amount.getInteger("total")).put("currency", "CNY"))
          .put("prepay_id", "wx" + SandboxCrypto.digits(12) + SandboxCrypto.random(16)));
      notifyUrls.put(no, new JsonObject().put("url", r.getString("notify_url")).put("description", r.getString("description")));
      wire.ok(ctx, new JsonObject().put("prepay_id", trade.getString("prepay_id")));
    }
  }

  /** The out_trade_no of every order query, in order, for tests that count what the product asked. */
  java.util.List<String> queries() {
    return java.util.List.copyOf(queries);
  }

  private void query(RoutingContext ctx) {
    queries.add(ctx.pathParam("no"));
    JsonObject trade = trades.get(ctx.pathParam("no"));
    if (trade == null) {
      wire.error(ctx, 404, "ORDER_NOT_EXIST", "订单不存在");
    } else {
      wire.ok(ctx, transaction(trade));
    }
  }

  private void close(RoutingContext ctx) {
    JsonObject trade = trades.get(ctx.pathParam("no"));
    if (trade == null) {
      wire.error(ctx, 404, "ORDER_NOT_EXIST", "订单不存在");
    } else if (!"NOTPAY".equals(trade.getString("trade_state")) && !"CLOSED".equals(trade.getString("trade_state"))) {
      wire.error(ctx, 400, "ORDERPAID", "订单已支付");
    } else {
      trade.put("trade_state", "CLOSED").put("trade_state_desc", "订单已关闭");
      wire.noContent(ctx);
    }
  }

  /** What the cashier page shows for an order: amount, description and state; null when unknown. */
  JsonObject cashier(String outTradeNo) {
    JsonObject trade = trades.get(outTradeNo);
    return trade == null ? null : new JsonObject().put("outTradeNo", outTradeNo)
        .put("amountFen", trade.getJsonObject("amount").getInteger("total"))
        .put("description", notifyUrls.get(outTradeNo).getString("description")).put("state", trade.getString("trade_state"));
  }

  /** The refunds of one order (all of them when null), for tests that count refunds. */
  io.vertx.core.json.JsonArray refundsOf(String outTradeNo) {
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    refunds.values().stream().filter(f -> outTradeNo == null || outTradeNo.equals(f.getString("out_trade_no"))).forEach(list::add);
    return list;
  }

  /** The payment {@code outTradeNo} as WeChat Pay holds it, or null. */
  JsonObject trade(String outTradeNo) {
    return trades.get(outTradeNo);
  }

  /** The payer pays: false when there is no such unpaid order. Notifies {@code times} times. */
  String pay(String outTradeNo, int times) {
    JsonObject trade = trades.get(outTradeNo);
    if (trade == null) {
      return "no order " + outTradeNo;
    }
    if ("NOTPAY".equals(trade.getString("trade_state"))) {
      int total = trade.getJsonObject("amount").getInteger("total");
      trade.put("trade_state", "SUCCESS").put("trade_state_desc", "支付成功").put("bank_type", "OTHERS")
          .put("transaction_id", "42" + SandboxCrypto.digits(26)).put("success_time", now())
          .getJsonObject("amount").put("payer_total", total).put("payer_currency", "CNY");
    } else if (!"SUCCESS".equals(trade.getString("trade_state"))) {
      return "order " + outTradeNo + " is " + trade.getString("trade_state");
    }
    for (int i = 0; i < times; i++) {
      notifier.send(notifyUrls.get(outTradeNo).getString("url"), "TRANSACTION.SUCCESS", "支付成功", "transaction",
          transaction(trade));
    }
    return null;
  }

  private static JsonObject transaction(JsonObject trade) {
    JsonObject t = trade.copy();
    t.remove("prepay_id");
    return t;
  }

  private void refund(RoutingContext ctx) {
    JsonObject r = ctx.body().asJsonObject();
    String refundNo = r.getString("out_refund_no", "");
    JsonObject trade = trades.get(r.getString("out_trade_no", ""));
    JsonObject amount = r.getJsonObject("amount", new JsonObject());
    int refundFen = amount.getInteger("refund", 0);
    if (refunds.containsKey(refundNo)) {
      wire.ok(ctx, refunds.get(refundNo)); // the same out_refund_no never refunds twice
    } else if (trade == null) {
      wire.error(ctx, 404, "RESOURCE_NOT_EXISTS", "订单不存在");
    } else if (refundNo.isBlank() || refundFen <= 0 || !amount.getInteger("total", -1).equals(trade.getJsonObject("amount").getInteger("total"))) {
      wire.error(ctx, 400, "PARAM_ERROR", "参数错误: out_refund_no, amount.refund, amount.total");
    } else if (!"SUCCESS".equals(trade.getString("trade_state")) && !"REFUND".equals(trade.getString("trade_state"))) {
      wire.error(ctx, 400, "INVALID_REQUEST", "订单状态不允许退款: " + trade.getString("trade_state"));
    } else if (refundFen + refunded(trade.getString("out_trade_no")) > amount.getInteger("total")) {
      wire.error(ctx, 403, "NOT_ENOUGH", "订单可退金额不足");
    } else {
      JsonObject refund = new JsonObject().put("refund_id", "50" + SandboxCrypto.digits(27)).put("out_refund_no", refundNo)
          .put("transaction_id", trade.getString("transaction_id")).put("out_trade_no", trade.getString("out_trade_no"))
          .put("channel", "ORIGINAL").put("user_received_account", "支付用户零钱").put("create_time", now())
          .put("status", "PROCESSING").put("funds_account", "AVAILABLE")
          .put("amount", new JsonObject().put("total", amount.getInteger("total")).put("refund", refundFen)
              .put("payer_total", amount.getInteger("total")).put("payer_refund", refundFen)
              .put("settlement_total", amount.getInteger("total")).put("settlement_refund", refundFen)
              .put("discount_refund", 0).put("currency", "CNY"));
      // WeChat shows the reason to the payer; kept here so tests can read what the product sent.
      refund.put("reason", r.getString("reason", ""));
      refunds.put(refundNo, refund);
      notifyUrls.put(refundNo, new JsonObject().put("url", r.getString("notify_url", "")));
      trade.put("trade_state", "REFUND").put("trade_state_desc", "转入退款");
      vertx.setTimer(settings.refundDelay().toMillis(), t -> completeRefund(refundNo));
      wire.ok(ctx, refund);
    }
  }

  /** What the trade's refunds hold back; a CLOSED refund gives its amount back to be refunded anew, as at WeChat. */
  private int refunded(String outTradeNo) {
    return refunds.values().stream().filter(f -> outTradeNo.equals(f.getString("out_trade_no")))
        .filter(f -> !"CLOSED".equals(f.getString("status")))
        .mapToInt(f -> f.getJsonObject("amount").getInteger("refund")).sum();
  }

  private void queryRefund(RoutingContext ctx) {
    JsonObject refund = refunds.get(ctx.pathParam("no"));
    if (refund == null) {
      wire.error(ctx, 404, "RESOURCE_NOT_EXISTS", "退款单不存在");
    } else {
      wire.ok(ctx, refund);
    }
  }

  /** Completes a refund (by timer or control) and notifies REFUND.SUCCESS once; null on success. */
  String completeRefund(String outRefundNo) {
    return endRefund(outRefundNo, "SUCCESS");
  }

  /**
   * Ends a refund still PROCESSING as {@code status} (SUCCESS, or ABNORMAL when the payer's account
   * cannot take it back, or CLOSED) and notifies REFUND.{status} once; null on success.
   */
  String endRefund(String outRefundNo, String status) {
    JsonObject refund = refunds.get(outRefundNo);
    if (refund == null) {
      return "no refund " + outRefundNo;
    }
    if (!java.util.List.of("SUCCESS", "ABNORMAL", "CLOSED").contains(status)) {
      return "a refund ends SUCCESS, ABNORMAL or CLOSED";
    }
    if (!"PROCESSING".equals(refund.getString("status"))) {
      return null;
    }
    refund.put("status", status);
    if ("SUCCESS".equals(status)) {
      refund.put("success_time", now());
    }
    String url = notifyUrls.get(outRefundNo).getString("url");
    if (!url.isBlank()) {
      notifyRefund(url, refund, refund.getJsonObject("amount").getInteger("refund"));
    }
    return null;
  }

  /**
   * Sends a signed refund notify about {@code refund}, saying {@code refundFen} was refunded: the
   * control for notifies that disagree with the order (tests of the product's checks).
   */
  void notifyRefund(String url, JsonObject refund, int refundFen) {
    JsonObject a = refund.getJsonObject("amount");
    String status = refund.getString("status");
    String summary = switch (status) {
      case "SUCCESS" -> "退款成功";
      case "CLOSED" -> "退款关闭";
      default -> "退款异常";
    };
    JsonObject resource = new JsonObject()
        .put("mchid", settings.mchId()).put("out_trade_no", refund.getString("out_trade_no"))
        .put("transaction_id", refund.getString("transaction_id")).put("out_refund_no", refund.getString("out_refund_no"))
        .put("refund_id", refund.getString("refund_id")).put("refund_status", status)
        .put("user_received_account", refund.getString("user_received_account"))
        .put("amount", new JsonObject().put("total", a.getInteger("total")).put("refund", refundFen)
            .put("payer_total", a.getInteger("payer_total")).put("payer_refund", refundFen));
    if (refund.getString("success_time") != null) {
      resource.put("success_time", refund.getString("success_time"));
    }
    notifier.send(url, "REFUND." + status, summary, "refund", resource);
  }

  /** Where the refund's notifies go, or null when there is no such refund. */
  String refundNotifyUrl(String outRefundNo) {
    JsonObject url = notifyUrls.get(outRefundNo);
    return url == null ? null : url.getString("url");
  }

  JsonObject refund(String outRefundNo) {
    return refunds.get(outRefundNo);
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString();
  }
}

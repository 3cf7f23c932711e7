package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * The mini-program's order shipping API (wxa/sec/order) for a trade-managed merchant: WeChat holds
 * each mini-program payment as "waiting for shipment" (order_state 1) until the merchant uploads
 * its shipping information (2); a delivered parcel may be followed by one receipt reminder.
 * Orders are the Pay sandbox's payments made with the mini-program's appid. Error codes are
 * WeChat's for these cases: 10060001 no such payment, 10060002 already shipped, 10060014 bad
 * argument; the product does not depend on their values.
 */
final class MaShippingSandbox {

  private static final int WAITING = 1;
  private static final int SHIPPED = 2;

  private final SandboxSettings settings;
  private final PaySandbox pay;
  private volatile boolean managed = true;
  private final AtomicInteger managedAsked = new AtomicInteger();
  /** By out_trade_no: order_state, every upload accepted, and receipt reminders. */
  private final Map<String, JsonObject> shipping = new ConcurrentHashMap<>();

  /** Mounted after {@link MaSandbox}, whose /wxa route checks the access token first. */
  MaShippingSandbox(SandboxSettings settings, PaySandbox pay) {
    this.settings = settings;
    this.pay = pay;
  }

  void mount(Router router) {
    router.post("/wxa/sec/order/is_trade_managed").handler(ctx -> answer(ctx, this::isTradeManaged));
    router.post("/wxa/sec/order/get_order").handler(ctx -> answer(ctx, this::getOrder));
    router.post("/wxa/sec/order/upload_shipping_info").handler(ctx -> answer(ctx, this::upload));
    router.post("/wxa/sec/order/notify_confirm_receive").handler(ctx -> answer(ctx, this::remind));
  }

  private void answer(RoutingContext ctx, java.util.function.Function<JsonObject, JsonObject> call) {
    json(ctx, call.apply(body(ctx)));
  }

  private JsonObject isTradeManaged(JsonObject r) {
    managedAsked.incrementAndGet();
    if (!settings.maAppId().equals(r.getString("appid"))) {
      return MpTokens.error(40013, "invalid appid");
    }
    return MpTokens.error(0, "ok").put("is_trade_managed", managed);
  }

  private JsonObject getOrder(JsonObject r) {
    JsonObject trade = paidInMiniApp(r.getString("merchant_id"), r.getString("merchant_trade_no"));
    if (trade == null) {
      return MpTokens.error(10060001, "支付单不存在");
    }
    return MpTokens.error(0, "ok").put("order", new JsonObject()
        .put("transaction_id", trade.getString("transaction_id"))
        .put("merchant_id", trade.getString("mchid"))
        .put("merchant_trade_no", trade.getString("out_trade_no"))
        .put("openid", trade.getJsonObject("payer").getString("openid"))
        .put("paid_amount", trade.getJsonObject("amount").getInteger("total"))
        .put("order_state", state(trade.getString("out_trade_no")).getInteger("order_state")));
  }

  private JsonObject upload(JsonObject r) {
    JsonObject key = r.getJsonObject("order_key", new JsonObject());
    if (key.getInteger("order_number_type", 0) != 1) {
      return MpTokens.error(10060014, "参数错误: order_key.order_number_type (the sandbox knows type 1, mchid + out_trade_no)");
    }
    JsonObject trade = paidInMiniApp(key.getString("mchid"), key.getString("out_trade_no"));
    if (trade == null) {
      return MpTokens.error(10060001, "支付单不存在");
    }
    JsonArray parcels = r.getJsonArray("shipping_list", new JsonArray());
    String problem = parcels.size() != 1 || !(parcels.getValue(0) instanceof JsonObject parcel) ? "shipping_list"
        : r.getInteger("logistics_type", 0) != 1 ? "logistics_type"
        : r.getInteger("delivery_mode", 0) != 1 ? "delivery_mode"
        : parcel.getString("tracking_no", "").isBlank() || parcel.getString("tracking_no").length() > 128 ? "tracking_no"
        : parcel.getString("express_company", "").isBlank() ? "express_company"
        : parcel.getString("item_desc", "").isBlank() || parcel.getString("item_desc").codePointCount(0,
            parcel.getString("item_desc").length()) > 120 ? "item_desc"
        : !rfc3339(r.getString("upload_time")) ? "upload_time"
        : !trade.getJsonObject("payer").getString("openid").equals(r.getJsonObject("payer", new JsonObject()).getString("openid"))
            ? "payer.openid" : null;
    if (problem != null) {
      return MpTokens.error(10060014, "参数错误: " + problem);
    }
    JsonObject state = state(key.getString("out_trade_no"));
    synchronized (state) {
      if (state.getInteger("order_state") != WAITING) {
        return MpTokens.error(10060002, "支付单已完成发货，无法继续发货");
      }
      state.put("order_state", SHIPPED).getJsonArray("uploads").add(r);
    }
    return MpTokens.error(0, "ok");
  }

  private JsonObject remind(JsonObject r) {
    JsonObject trade = paidInMiniApp(r.getString("merchant_id"), r.getString("merchant_trade_no"));
    if (trade == null) {
      return MpTokens.error(10060001, "支付单不存在");
    }
    if (r.getLong("received_time", 0L) <= 0) {
      return MpTokens.error(10060014, "参数错误: received_time");
    }
    JsonObject state = state(trade.getString("out_trade_no"));
    synchronized (state) {
      if (state.getInteger("order_state") != SHIPPED || !state.getJsonArray("reminders").isEmpty()) {
        return MpTokens.error(10060014, "参数错误: the order is not shipped, or was reminded already");
      }
      state.getJsonArray("reminders").add(r);
    }
    return MpTokens.error(0, "ok");
  }

  private JsonObject paidInMiniApp(String mchId, String outTradeNo) {
    JsonObject trade = outTradeNo == null ? null : pay.trade(outTradeNo);
    boolean ours = trade != null && settings.mchId().equals(mchId) && settings.maAppId().equals(trade.getString("appid"))
        && "SUCCESS".equals(trade.getString("trade_state"));
    return ours ? trade : null;
  }

  private JsonObject state(String outTradeNo) {
    return shipping.computeIfAbsent(outTradeNo, k -> new JsonObject().put("order_state", WAITING)
        .put("uploads", new JsonArray()).put("reminders", new JsonArray()));
  }

  private static boolean rfc3339(String time) {
    try {
      OffsetDateTime.parse(time == null ? "" : time);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** For the controls: what WeChat holds about one order's shipping. */
  JsonObject shippingOf(String outTradeNo) {
    JsonObject state = shipping.get(outTradeNo);
    return state == null ? new JsonObject().put("order_state", WAITING).put("uploads", new JsonArray())
        .put("reminders", new JsonArray()) : state.copy();
  }

  /** For the controls: whether WeChat manages the merchant's trades, and how often the product asked. */
  JsonObject tradeManagement() {
    return new JsonObject().put("managed", managed).put("asked", managedAsked.get());
  }

  void tradeManaged(boolean managed) {
    this.managed = managed;
  }
}

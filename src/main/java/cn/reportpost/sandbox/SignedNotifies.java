package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Builds WeChat Pay notifies exactly as the sandbox sends them, for tools that drive the
 * product directly (the benchmark): the encrypted body and its signed headers.
 */
public final class SignedNotifies {

  /** A notify ready to post. */
  public record Notify(String body, Map<String, String> headers) {}

  private final NotifyBuilder notifies;

  public SignedNotifies(SandboxKeys keys) {
    this.notifies = new NotifyBuilder(keys);
  }

  /** A TRANSACTION.SUCCESS notify for an order paid in full. */
  public Notify paid(SandboxKeys keys, String appId, String outTradeNo, String transactionId, int totalFen, String openid) {
    JsonObject resource = new JsonObject().put("appid", appId).put("mchid", keys.mchId()).put("out_trade_no", outTradeNo)
        .put("transaction_id", transactionId).put("trade_type", "JSAPI").put("trade_state", "SUCCESS")
        .put("trade_state_desc", "支付成功").put("bank_type", "OTHERS").put("success_time", "2026-11-29T12:00:00+08:00")
        .put("payer", new JsonObject().put("openid", openid))
        .put("amount", new JsonObject().put("total", totalFen).put("payer_total", totalFen).put("currency", "CNY")
            .put("payer_currency", "CNY"));
    String body = notifies.body("TRANSACTION.SUCCESS", "transaction", "支付成功", resource);
    return new Notify(body, notifies.headers(body));
  }
}

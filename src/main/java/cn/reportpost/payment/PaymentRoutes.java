package cn.reportpost.payment;

import cn.reportpost.http.ClientAddress;
import cn.reportpost.order.Orders;
import cn.reportpost.resident.ResidentAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident's pay button and WeChat Pay's notifies. A notify is acted on only once verified and
 * decrypted; anything else is answered FAIL (so WeChat retries what we could not record) and a
 * forged or mismatched one is kept as a security event.
 */
public final class PaymentRoutes {

  private static final Logger log = LoggerFactory.getLogger(PaymentRoutes.class);

  private final PaymentService payments;
  private final Orders orders;
  private final ResidentAuth residents;
  private final io.micrometer.core.instrument.MeterRegistry metrics;

  public PaymentRoutes(PaymentService payments, Orders orders, ResidentAuth residents,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.payments = payments;
    this.orders = orders;
    this.residents = residents;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.post("/api/v1/orders/:orderNo/pay").handler(residents.require()).handler(residents.sameOriginJson()).handler(ctx ->
        payments.prepay(ResidentAuth.resident(ctx), ctx.pathParam("orderNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/wx/pay/notify").handler(ctx -> answer(ctx, "payment notify", "payment",
        payments.wechat().parsePaymentNotify(ctx.request().headers(), body(ctx))
            .compose(payment -> payment.paid()
                ? payments.paymentConfirmed(payment, "微信支付通知").mapEmpty()
                : Future.succeededFuture())));
    router.post("/wx/pay/refund-notify").handler(ctx -> answer(ctx, "refund notify", "refund",
        payments.wechat().parseRefundNotify(ctx.request().headers(), body(ctx))
            .compose(refund -> payments.refundSettled(refund, "微信支付通知"))));
  }

  private static String body(RoutingContext ctx) {
    return ctx.body().buffer() == null ? "" : ctx.body().asString();
  }

  /** Answers WeChat, and counts {@code reportpost_payment_notifies_total{kind,outcome}}. */
  private void answer(RoutingContext ctx, String what, String kind, Future<Void> handling) {
    handling.onSuccess(v -> {
      count(kind, "ok");
      ctx.response().setStatusCode(204).end();
    }).onFailure(e -> {
      String ip = ClientAddress.of(ctx);
      boolean refused = e instanceof WeChatPay.NotifyRejected || e instanceof PaymentService.PaymentMismatch;
      int status = refused ? (e instanceof WeChatPay.NotifyRejected ? 401 : 400) : 500;
      count(kind, status == 401 ? "rejected" : status == 400 ? "mismatch" : "error");
      Future<Void> recorded = Future.succeededFuture();
      if (refused) {
        log.warn("SECURITY {} refused from {}: {}", what, ip, e.getMessage());
        // Recorded before the answer, so whoever sees the refusal can also find it.
        recorded = orders.securityEvent(what + " refused", e.getMessage(), ip)
            .onFailure(err -> log.error("could not record a security event", err));
      } else {
        log.error("{} could not be recorded; WeChat will retry", what, e);
      }
      recorded.onComplete(ar -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("code", "FAIL").put("message", status == 500 ? "try again later" : "rejected").encode()));
    });
  }

  private void count(String kind, String outcome) {
    io.micrometer.core.instrument.Counter.builder("reportpost.payment.notifies").tag("kind", kind).tag("outcome", outcome)
        .description("WeChat Pay notifies received, by how they ended").register(metrics).increment();
  }
}

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

  public PaymentRoutes(PaymentService payments, Orders orders, ResidentAuth residents) {
    this.payments = payments;
    this.orders = orders;
    this.residents = residents;
  }

  public void mount(Router router) {
    router.post("/api/v1/orders/:orderNo/pay").handler(residents.require()).handler(residents.sameOriginJson()).handler(ctx ->
        payments.prepay(ResidentAuth.resident(ctx), ctx.pathParam("orderNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/wx/pay/notify").handler(ctx -> answer(ctx, "payment notify",
        payments.wechat().parsePaymentNotify(ctx.request().headers(), body(ctx))
            .compose(payment -> payment.paid()
                ? payments.paymentConfirmed(payment, "微信支付通知").mapEmpty()
                : Future.succeededFuture())));
    router.post("/wx/pay/refund-notify").handler(ctx -> answer(ctx, "refund notify",
        payments.wechat().parseRefundNotify(ctx.request().headers(), body(ctx))
            .compose(refund -> payments.refundSettled(refund, "微信支付通知"))));
  }

  private static String body(RoutingContext ctx) {
    return ctx.body().buffer() == null ? "" : ctx.body().asString();
  }

  private void answer(RoutingContext ctx, String what, Future<Void> handling) {
    handling.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> {
      String ip = ClientAddress.of(ctx);
      boolean refused = e instanceof WeChatPay.NotifyRejected || e instanceof PaymentService.PaymentMismatch;
      int status = refused ? (e instanceof WeChatPay.NotifyRejected ? 401 : 400) : 500;
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
}

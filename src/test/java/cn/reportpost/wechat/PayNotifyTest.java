package cn.reportpost.wechat;

import cn.reportpost.Services;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static cn.reportpost.wechat.PayGatewayTest.order;
import static cn.reportpost.wechat.PayGatewayTest.orderNo;
import static org.assertj.core.api.Assertions.assertThat;

/** Notifies from the sandbox, verified by the gateway; and forgeries refused. */
@ExtendWith(ReportPostExtension.class)
class PayNotifyTest {

  /** A gateway whose notify URLs point at {@code receiver} (the product's notify route is a later issue). */
  static WeChatGateway gatewayNotifying(TestApp app, NotifyReceiver receiver) throws Exception {
    Services s = app.app().services();
    return WeChatGateway.create(s.vertx(), s.config().with("wechat.pay.notifyUrl", receiver.url("/wx/pay/notify"))
        .with("wechat.pay.refundNotifyUrl", receiver.url("/wx/pay/refund-notify")), s.redis(), s.clock());
  }

  @Test
  void paymentNotifyIsVerifiedDecryptedAndRetriedUntilAcknowledged(TestApp app) throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(app.app().services().vertx(), 1);
         WeChatGateway gateway = gatewayNotifying(app, receiver)) {
      String no = orderNo();
      result(gateway.pay().createJsapi(order(no, 1200)));
      assertThat(app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed", null, "").status()).isEqualTo(204);

      NotifyReceiver.Received refused = receiver.next();
      NotifyReceiver.Received retried = receiver.next();
      assertThat(retried.body()).isEqualTo(refused.body());
      PayNotices.Payment payment = result(gateway.pay().verifyPaymentNotify(retried.notifyHeaders(), retried.body()));
      assertThat(payment.eventType()).isEqualTo("TRANSACTION.SUCCESS");
      assertThat(payment.transaction().getOutTradeNo()).isEqualTo(no);
      assertThat(payment.transaction().getTradeState()).isEqualTo("SUCCESS");
      assertThat(payment.transaction().getAmount().getTotal()).isEqualTo(1200);
      Thread.sleep(500);
      assertThat(receiver.count()).as("no more attempts once acknowledged").isZero();
    }
  }

  @Test
  void payWithTimesSendsTheNotifyThatOften(TestApp app) throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(app.app().services().vertx(), 0);
         WeChatGateway gateway = gatewayNotifying(app, receiver)) {
      String no = orderNo();
      result(gateway.pay().createJsapi(order(no, 100)));
      app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed?times=3", null, "");
      for (int i = 0; i < 3; i++) {
        NotifyReceiver.Received r = receiver.next();
        assertThat(result(gateway.pay().verifyPaymentNotify(r.notifyHeaders(), r.body())).transaction().getOutTradeNo())
            .isEqualTo(no);
      }
    }
  }

  @Test
  void refundNotifyIsVerifiedAndDecrypted(TestApp app) throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(app.app().services().vertx(), 0);
         WeChatGateway gateway = gatewayNotifying(app, receiver)) {
      String no = orderNo();
      result(gateway.pay().createJsapi(order(no, 800)));
      app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed?notify=false", null, "");
      String refundNo = result(gateway.pay().refund(no, no + "R1", 800, "cancelled")).getOutRefundNo();
      app.sandboxHttp().post("/sandbox/refunds/" + refundNo + "/succeed", null, "");

      NotifyReceiver.Received r = receiver.next();
      PayNotices.Refund refund = result(gateway.pay().verifyRefundNotify(r.notifyHeaders(), r.body()));
      assertThat(refund.eventType()).isEqualTo("REFUND.SUCCESS");
      assertThat(refund.refund().getOutRefundNo()).isEqualTo(no + "R1");
      assertThat(refund.refund().getRefundStatus()).isEqualTo("SUCCESS");
      assertThat(refund.refund().getAmount().getRefund()).isEqualTo(800);
    }
  }

  @Test
  void forgedPaymentNotifiesAreRefused(TestApp app) throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(app.app().services().vertx(), 0);
         WeChatGateway gateway = gatewayNotifying(app, receiver)) {
      String no = orderNo();
      result(gateway.pay().createJsapi(order(no, 990)));
      app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed", null, "");
      NotifyReceiver.Received genuine = receiver.next();
      NotifyHeaders h = genuine.notifyHeaders();
      PayApi pay = gateway.pay();

      String flipped = (h.signature().charAt(10) == 'A' ? "B" : "A");
      assertRefused(pay, new NotifyHeaders(h.timestamp(), h.nonce(), h.serial(),
          h.signature().substring(0, 10) + flipped + h.signature().substring(11)), genuine.body(), "bad signature");
      assertRefused(pay, new NotifyHeaders(h.timestamp(), h.nonce(), "PUB_KEY_ID_0199999999", h.signature()),
          genuine.body(), "unknown serial");
      assertRefused(pay, new NotifyHeaders(h.timestamp(), h.nonce(), h.serial(), null), genuine.body(), "no signature");

      String tampered = tamperCiphertext(genuine.body());
      assertRefused(pay, h, tampered, "tampered ciphertext, original signature");
      // Even signed with WeChat Pay's real key, a changed ciphertext fails the GCM tag.
      assertRefused(pay, headers(app.app().sandbox().signNotify(tampered, Instant.now().getEpochSecond())),
          tampered, "tampered ciphertext, re-signed");

      long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();
      assertRefused(pay, headers(app.app().sandbox().signNotify(genuine.body(), sixMinutesAgo)), genuine.body(),
          "genuine signature, timestamp older than 5 minutes");

      // A genuine header set replayed with the body of another (genuine) notify.
      String other = orderNo();
      result(gateway.pay().createJsapi(order(other, 1)));
      app.sandboxHttp().post("/sandbox/pay/" + other + "/succeed", null, "");
      NotifyReceiver.Received second = receiver.next();
      assertRefused(pay, h, second.body(), "replayed headers with another body");

      // The genuine one still verifies: the refusals were about the forgeries, not the setup.
      assertThat(result(pay.verifyPaymentNotify(h, genuine.body())).transaction().getOutTradeNo()).isEqualTo(no);
    }
  }

  private static void assertRefused(PayApi pay, NotifyHeaders headers, String body, String what) {
    WeChatException e = failure(pay.verifyPaymentNotify(headers, body));
    assertThat(e.code()).as(what + ": " + e.getMessage()).isEqualTo(PayNotices.INVALID);
  }

  private static NotifyHeaders headers(MultiMap signed) {
    return NotifyHeaders.from(signed::get);
  }

  private static String tamperCiphertext(String body) {
    JsonObject envelope = new JsonObject(body);
    JsonObject resource = envelope.getJsonObject("resource");
    String c = resource.getString("ciphertext");
    resource.put("ciphertext", (c.charAt(0) == 'A' ? "B" : "A") + c.substring(1));
    return envelope.encode();
  }
}

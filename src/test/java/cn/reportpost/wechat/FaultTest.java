package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static cn.reportpost.wechat.PayGatewayTest.order;
import static cn.reportpost.wechat.PayGatewayTest.orderNo;
import static org.assertj.core.api.Assertions.assertThat;

/** Each injected fault makes the gateway fail clearly, within its timeout, with the event loops free. */
@ExtendWith(ReportPostExtension.class)
class FaultTest {

  /** connect 1 s + read 1.5 s in tests, plus slack for a loaded machine. */
  private static final long DEADLINE_MILLIS = 4000;
  private static final long TICK_MILLIS = 20;

  private static void inject(TestApp app, String api, String mode) {
    assertThat(app.sandboxHttp().postJson("/sandbox/faults", Map.of("api", api, "mode", mode, "count", 1)).status())
        .isEqualTo(204);
  }

  /** Runs the call while a timer ticks on an event loop; answers the failure after checking both. */
  private static WeChatException failsPromptlyWithLoopsFree(TestApp app, Supplier<Future<?>> call) {
    Vertx vertx = app.app().services().vertx();
    AtomicInteger ticks = new AtomicInteger();
    long timer = vertx.setPeriodic(TICK_MILLIS, id -> ticks.incrementAndGet());
    long start = System.currentTimeMillis();
    try {
      WeChatException e = failure(call.get());
      long elapsed = System.currentTimeMillis() - start;
      assertThat(elapsed).as("failed within the timeout").isLessThan(DEADLINE_MILLIS);
      if (elapsed > 10 * TICK_MILLIS) {
        assertThat(ticks.get()).as("event-loop timer kept ticking during a %d ms call", elapsed)
            .isGreaterThanOrEqualTo((int) (elapsed / TICK_MILLIS / 3));
      }
      return e;
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  void payTimeoutFailsAfterTheReadTimeout(TestApp app) {
    PayApi pay = app.app().services().wechat().pay();
    inject(app, "/v3/pay/transactions/jsapi", "timeout");
    long start = System.currentTimeMillis();
    WeChatException e = failsPromptlyWithLoopsFree(app, () -> pay.createJsapi(order(orderNo(), 100)));
    assertThat(System.currentTimeMillis() - start).as("waited for the read timeout").isGreaterThanOrEqualTo(1400);
    assertThat(e.code()).isEqualTo(WeChatException.UNREACHABLE);
    assertThat(e.getMessage()).containsIgnoringCase("timed out");
    // The fault was used up: the next call goes through.
    assertThat(result(pay.createJsapi(order(orderNo(), 100)))).containsKey("package");
  }

  @Test
  void payHttp500IsReportedWithWeChatsCode(TestApp app) {
    PayApi pay = app.app().services().wechat().pay();
    String no = orderNo();
    result(pay.createJsapi(order(no, 100)));
    inject(app, "/v3/pay/transactions/out-trade-no", "http500");
    WeChatException e = failsPromptlyWithLoopsFree(app, () -> pay.query(no));
    assertThat(e.code()).isEqualTo("SYSTEM_ERROR");
  }

  @Test
  void payAnswerWithABadSignatureIsRejected(TestApp app) {
    PayApi pay = app.app().services().wechat().pay();
    String no = orderNo();
    result(pay.createJsapi(order(no, 100)));
    inject(app, "/v3/pay/transactions/out-trade-no", "bad-signature");
    WeChatException e = failsPromptlyWithLoopsFree(app, () -> pay.query(no));
    assertThat(e.getMessage()).contains("签名验证失败");
    assertThat(result(pay.query(no)).getTradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void officialAccountTimeoutAndHttp500FailPromptly(TestApp app) {
    MpApi mp = app.app().services().wechat().mp();
    String openid = "oFault" + UUID.randomUUID();
    result(mp.sendText(openid, "warm the token"));
    inject(app, "/cgi-bin/message/custom/send", "timeout");
    assertThat(failsPromptlyWithLoopsFree(app, () -> mp.sendText(openid, "x")).code()).isEqualTo(WeChatException.UNREACHABLE);
    inject(app, "/cgi-bin/message/template/send", "http500");
    WeChatException e = failsPromptlyWithLoopsFree(app, () -> mp.sendTemplate(openid, "TPL", null, Map.of("a", "b")));
    assertThat(e.getMessage()).contains("500");
  }

  @Test
  void badSignatureFaultIsRefusedForOfficialAccountPaths(TestApp app) {
    var r = app.sandboxHttp().postJson("/sandbox/faults", Map.of("api", "/cgi-bin/menu/create", "mode", "bad-signature"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("error")).contains("Pay");
  }
}

package cn.reportpost.order;

import cn.reportpost.testing.MiniApps;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import cn.reportpost.wechat.PayGatewayTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Mini-program login → order → pay → notify → PAID, with the mini-program's appid throughout. */
@ExtendWith(ReportPostExtension.class)
class MiniAppPaymentTest {

  @Test
  void aMiniProgramResidentPaysWithTheMiniProgramsAppid(TestApp app, TestHttp http, Sandbox sandbox) throws Exception {
    String maAppId = app.app().services().config().string("wechat.ma.appId");
    String auth = MiniApps.signIn(http, sandbox, "oMaPay" + System.nanoTime());
    TestHttp.Response created = http.postJson("/api/v1/orders", Orders.body(), "Authorization", auth);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = created.json().getString("orderNo");

    TestHttp.Response pay = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Authorization", auth);
    assertThat(pay.status()).as(pay.body()).isEqualTo(200);
    JsonObject p = pay.json();
    assertThat(p.getString("appId")).isEqualTo(maAppId).isNotEqualTo(app.app().services().config().string("wechat.mp.appId"));
    // wx.requestPayment checks paySign over the mini-program's appid, not the official account's.
    String message = maAppId + "\n" + p.getString("timeStamp") + "\n" + p.getString("nonceStr") + "\n" + p.getString("package") + "\n";
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(PayGatewayTest.merchantPublicKey(app));
    rsa.update(message.getBytes());
    assertThat(rsa.verify(Base64.getDecoder().decode(p.getString("paySign")))).isTrue();

    sandbox.pay(orderNo, "");
    // PAID also means the notify named the mini-program's appid: a notify for another app is refused.
    Orders.awaitStatus(http, orderNo, "PAID", "Authorization", auth);
  }
}

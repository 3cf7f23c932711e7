package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.wechat.PayApi.JsapiOrder;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundV3Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
public class PayGatewayTest {

  static String orderNo() {
    return "RP" + System.nanoTime();
  }

  static JsapiOrder order(String no, int fen) {
    String mpAppId = TestApp.shared().app().services().config().string("wechat.mp.appId");
    return new JsapiOrder(mpAppId, no, "核酸报告邮寄", fen, "oPayer" + no, Instant.now().plus(Duration.ofMinutes(30)));
  }

  @Test
  void jsapiOrderGivesBridgeParametersSignedWithTheMerchantKey(TestApp app) throws Exception {
    PayApi pay = app.app().services().wechat().pay();
    Map<String, String> p = result(pay.createJsapi(order(orderNo(), 1500)));

    assertThat(p).containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
    assertThat(p.get("appId")).isEqualTo(app.app().services().config().string("wechat.mp.appId"));
    assertThat(p.get("package")).startsWith("prepay_id=wx");
    assertThat(p.get("signType")).isEqualTo("RSA");
    // The bridge checks paySign with the merchant's public key over these four lines.
    String message = p.get("appId") + "\n" + p.get("timeStamp") + "\n" + p.get("nonceStr") + "\n" + p.get("package") + "\n";
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(merchantPublicKey(app));
    rsa.update(message.getBytes());
    assertThat(rsa.verify(Base64.getDecoder().decode(p.get("paySign")))).isTrue();
  }

  @Test
  void orderIsQueriedAndClosed(TestApp app) {
    PayApi pay = app.app().services().wechat().pay();
    String no = orderNo();
    result(pay.createJsapi(order(no, 2000)));

    WxPayOrderQueryV3Result open = result(pay.query(no));
    assertThat(open.getTradeState()).isEqualTo("NOTPAY");
    assertThat(open.getAmount().getTotal()).isEqualTo(2000);

    result(pay.close(no));
    assertThat(result(pay.query(no)).getTradeState()).isEqualTo("CLOSED");
  }

  @Test
  void unknownOrderIsReportedWithWeChatsCode(TestApp app) {
    WeChatException e = failure(app.app().services().wechat().pay().query("RP-never-created"));
    assertThat(e.code()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void paidOrderIsRefundedOnceUnderItsDerivedNumber(TestApp app) {
    PayApi pay = app.app().services().wechat().pay();
    String no = orderNo();
    result(pay.createJsapi(order(no, 3000)));
    assertThat(app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed?notify=false", null, "").status()).isEqualTo(204);
    WxPayOrderQueryV3Result paid = result(pay.query(no));
    assertThat(paid.getTradeState()).isEqualTo("SUCCESS");
    assertThat(paid.getTransactionId()).isNotBlank();

    WxPayRefundV3Result first = result(pay.refund(no, no + "R1", 3000, "站点无法出具报告"));
    WxPayRefundV3Result retried = result(pay.refund(no, no + "R1", 3000, "站点无法出具报告"));
    assertThat(first.getOutRefundNo()).isEqualTo(no + "R1");
    assertThat(first.getStatus()).isEqualTo("PROCESSING");
    assertThat(retried.getRefundId()).isEqualTo(first.getRefundId());
    assertThat(result(pay.queryRefund(first.getOutRefundNo())).getStatus()).isEqualTo("PROCESSING");

    assertThat(app.sandboxHttp().post("/sandbox/refunds/" + first.getOutRefundNo() + "/succeed", null, "").status())
        .isEqualTo(204);
    assertThat(result(pay.queryRefund(first.getOutRefundNo())).getStatus()).isEqualTo("SUCCESS");
    assertThat(result(pay.query(no)).getTradeState()).isEqualTo("REFUND");
  }

  @Test
  void refundCompletesByItselfAfterTheSandboxDelay(TestApp app) throws Exception {
    PayApi pay = app.app().services().wechat().pay();
    String no = orderNo();
    result(pay.createJsapi(order(no, 500)));
    app.sandboxHttp().post("/sandbox/pay/" + no + "/succeed?notify=false", null, "");
    String refundNo = result(pay.refund(no, no + "R1", 500, "cancelled")).getOutRefundNo();

    long deadline = System.currentTimeMillis() + 6000;
    String status = "PROCESSING";
    while (status.equals("PROCESSING") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = result(pay.queryRefund(refundNo)).getStatus();
    }
    assertThat(status).isEqualTo("SUCCESS");
  }

  @Test
  void sandboxRefusesPayRequestsNotSignedByTheMerchant(TestApp app) {
    var unsigned = app.sandboxHttp().postJson("/v3/pay/transactions/jsapi", Map.of("out_trade_no", "x"));
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.json().getString("code")).isEqualTo("SIGN_ERROR");

    var forged = app.sandboxHttp().postJson("/v3/pay/transactions/jsapi", Map.of("out_trade_no", "x"),
        "Authorization", "WECHATPAY2-SHA256-RSA2048 mchid=\"" + app.app().services().config().string("wechat.pay.mchId")
            + "\",nonce_str=\"abc\",timestamp=\"" + Instant.now().getEpochSecond() + "\",serial_no=\""
            + app.app().services().config().string("wechat.pay.certSerial") + "\",signature=\"AAAA\"");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().getString("message")).contains("签名错误");
  }

  /** The merchant's public key, derived from the private key the product holds. */
  public static java.security.PublicKey merchantPublicKey(TestApp app) throws Exception {
    String pem = Files.readString(Path.of(app.app().services().config().string("wechat.pay.privateKeyFile")));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
    return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }
}

package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.Map;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static cn.reportpost.wechat.MpGatewayTest.pureQr;
import static org.assertj.core.api.Assertions.assertThat;

/** Unlimited mini-program codes through WxJava and the sandbox, with WeChat's rules for scene and page. */
@ExtendWith(ReportPostExtension.class)
class MaCodeTest {

  private static MaApi ma(TestApp app) {
    return app.app().services().wechat().ma().orElseThrow();
  }

  @Test
  void theCodeIsAPngThatOpensThePageWithTheScene(TestApp app) throws Exception {
    byte[] png = result(ma(app).unlimitedCode("TY001", "pages/order/order", "release"));
    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).as("WeChat's largest width").isEqualTo(1280);
    assertThat(pureQr(png)).isEqualTo("wxacode:pages/order/order?scene=TY001");
  }

  @Test
  void aSceneMayHoldAllOfWeChatsCharactersUpToThirtyTwo(TestApp app) throws Exception {
    String scene = "a=1&b=Z!#$'()*+,/:;?@-._~0123456";
    assertThat(scene).hasSize(32);
    assertThat(pureQr(result(ma(app).unlimitedCode(scene, "pages/order/order", "release"))))
        .isEqualTo("wxacode:pages/order/order?scene=" + scene);
  }

  @Test
  void aSceneTooLongOrWithOtherCharactersIsRefused(TestApp app) {
    assertThat(failure(ma(app).unlimitedCode("S".repeat(33), "pages/order/order", "release")).code()).isEqualTo("40169");
    assertThat(failure(ma(app).unlimitedCode("", "pages/order/order", "release")).code()).isEqualTo("40169");
    // Not Chinese: WxJava posts this body as ISO-8859-1, so Chinese would reach WeChat as '?', an allowed character.
    assertThat(failure(ma(app).unlimitedCode("TY 001", "pages/order/order", "release")).code()).isEqualTo("40129");
    assertThat(failure(ma(app).unlimitedCode("a%20b", "pages/order/order", "release")).code()).isEqualTo("40129");
  }

  @Test
  void onlyAReleasedPageIsCheckedAndNoPageMayStartWithASlash(TestApp app) throws Exception {
    assertThat(failure(ma(app).unlimitedCode("TY001", "pages/new/new", "release")).code()).isEqualTo("41030");
    assertThat(pureQr(result(ma(app).unlimitedCode("TY001", "pages/new/new", "trial"))))
        .as("a trial build is not checked against the release").isEqualTo("wxacode:pages/new/new?scene=TY001");
    assertThat(failure(ma(app).unlimitedCode("TY001", "/pages/order/order", "develop")).code()).isEqualTo("41030");
    assertThat(failure(ma(app).unlimitedCode("TY001", "pages/order/order", "beta")).code()).isEqualTo("40097");
  }

  @Test
  void theSandboxWantsTheMiniProgramsAccessToken(TestApp app) {
    TestHttp.Response r = app.sandboxHttp().postJson("/wxa/getwxacodeunlimit?access_token=not-a-token",
        Map.of("scene", "TY001", "page", "pages/order/order"));
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().getInteger("errcode")).isEqualTo(40001);
  }

  @Test
  void aFailingWeChatIsReportedAndTheNextCallWorks(TestApp app, Sandbox sandbox) throws Exception {
    sandbox.fault("/wxa/getwxacodeunlimit", "http500", 1);
    WeChatException e = failure(ma(app).unlimitedCode("TY001", "pages/order/order", "release"));
    assertThat(e.api()).isEqualTo("ma.wxacode");
    assertThat(pureQr(result(ma(app).unlimitedCode("TY001", "pages/order/order", "release"))))
        .isEqualTo("wxacode:pages/order/order?scene=TY001");
  }
}

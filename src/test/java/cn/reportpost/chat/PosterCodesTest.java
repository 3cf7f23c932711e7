package cn.reportpost.chat;

import cn.reportpost.catalog.City;
import cn.reportpost.catalog.PosterCode;
import cn.reportpost.catalog.Site;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.api.ProblemException;
import cn.reportpost.print.PosterData;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.wechat.MpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without a mini-program (the test server always has one, so these build the poster codes
 * without it), and the poster settings checked at start.
 */
@ExtendWith(ReportPostExtension.class)
class PosterCodesTest {

  private static final City YANGQUAN = new City("140300", "阳泉市", "山西省");

  private static Site site(String code, PosterCode posterCode) {
    return new Site(code, "阳泉测试点", "140300", "阳泉市某路1号", 1500, 1500, true, "", posterCode);
  }

  private static MpApi mp(TestApp app) {
    return app.app().services().wechat().mp();
  }

  @Test
  void withoutAMiniProgramAMiniProgramCodeIsAConflictThatSaysWhy(TestApp app) {
    PosterCodes codes = new PosterCodes(mp(app), java.util.Optional.empty(), "pages/order/order", "release");
    assertThatThrownBy(() -> codes.poster(site("YQ900", PosterCode.MA_CODE), YANGQUAN))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.detail()).contains("site YQ900", "MA_CODE", "no mini-program", "WX_MA_APP_ID", "MP_QR");
        });
    assertThatThrownBy(() -> codes.requireAvailable("YQ900", PosterCode.MA_CODE)).isInstanceOf(ProblemException.class);
  }

  @Test
  void withoutAMiniProgramTheOfficialAccountsCodeStillWorks(TestApp app) throws Exception {
    PosterCodes codes = new PosterCodes(mp(app), java.util.Optional.empty(), "pages/order/order", "release");
    codes.requireAvailable("YQ901", PosterCode.MP_QR);
    PosterData poster = codes.poster(site("YQ901", PosterCode.MP_QR), YANGQUAN)
        .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertThat(poster.opensMiniProgram()).isFalse();
    assertThat(poster.qrText()).startsWith("http://weixin.qq.com/q/");
  }

  @Test
  void aPosterPageOrBuildThatWeChatWouldRefuseStopsTheStart(TestApp app) {
    assertThatThrownBy(() -> new PosterCodes(mp(app), null, "/pages/order/order", "release"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("WX_MA_POSTER_PAGE");
    assertThatThrownBy(() -> new PosterCodes(mp(app), null, "pages/order/order?site=YQ001", "release"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("WX_MA_POSTER_PAGE");
    assertThatThrownBy(() -> new PosterCodes(mp(app), null, "pages/order/order", "production"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("WX_MA_POSTER_ENV_VERSION")
        .hasMessageContaining("release, trial or develop");
  }
}

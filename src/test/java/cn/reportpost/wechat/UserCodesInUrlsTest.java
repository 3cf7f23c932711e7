package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static cn.reportpost.wechat.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WxJava joins a user's code into WeChat's query string as it is (code2session, the OAuth
 * exchange): the gateway encodes it, so it arrives as the one value it is. Unencoded, a space
 * made the URL invalid (no request at all) and an '&' added a parameter of its own.
 */
@ExtendWith(ReportPostExtension.class)
class UserCodesInUrlsTest {

  private static final String HOSTILE = "no such code&grant_type=x";

  @Test
  void theMiniProgramsLoginCodeIsUrlEncoded(TestApp app) {
    WeChatException refused = failure(app.app().services().wechat().ma().orElseThrow().session(HOSTILE));
    assertThat(refused.code()).as(refused.getMessage()).isEqualTo("40029");
  }

  @Test
  void theOfficialAccountsOauthCodeIsUrlEncoded(TestApp app) {
    WeChatException refused = failure(app.app().services().wechat().mp().openidForCode(HOSTILE));
    assertThat(refused.code()).as(refused.getMessage()).isEqualTo("40029");
  }
}

package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static cn.reportpost.wechat.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** code2session puts the code into WeChat's query string: it must arrive there as the one value it is. */
@ExtendWith(ReportPostExtension.class)
class MaSessionTest {

  @Test
  void theCodeIsUrlEncodedSoItCanNeitherBreakTheUrlNorAddParameters(TestApp app) {
    MaApi ma = app.app().services().wechat().ma();
    // Unencoded, the space made the URL invalid (no request at all) and the & added a grant_type.
    WeChatException refused = failure(ma.session("no such code&grant_type=x"));
    assertThat(refused.code()).as(refused.getMessage()).isEqualTo("40029");
  }
}

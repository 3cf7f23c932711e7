package cn.reportpost.resident;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth callback when WeChat refuses the code: a clear 400 naming it, not a server error. */
@ExtendWith(ReportPostExtension.class)
class OAuthCallbackTest {

  /** Our start, then WeChat's authorize page as {@code openid}: answers the callback's query. */
  private static String authorize(TestHttp http, String openid) {
    String location = http.get("/wx/oauth/start?next=/h5/orders").header("Location");
    int fragment = location.indexOf('#');
    TestHttp.Response wechat = TestHttp.absolute(location.substring(0, fragment) + "&openid=" + openid
        + location.substring(fragment));
    return URI.create(wechat.header("Location")).getRawQuery();
  }

  @Test
  void aCodeUsedTwiceIsRefusedAsABadCode(TestHttp http) {
    String first = authorize(http, "oTwice" + System.nanoTime());
    assertThat(http.get("/wx/oauth/callback?" + first).status()).isEqualTo(302);

    // The page reloaded with its old code, under a state that is still fresh.
    String usedCode = first.replaceAll(".*code=([^&]*).*", "$1");
    String freshState = authorize(http, "oOther" + System.nanoTime()).replaceAll(".*state=([^&]*).*", "$1");
    TestHttp.Response again = http.get("/wx/oauth/callback?code=" + usedCode + "&state=" + freshState);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
    assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("already used");
  }
}

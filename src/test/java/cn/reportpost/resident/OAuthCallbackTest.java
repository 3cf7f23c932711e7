package cn.reportpost.resident;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth callback when WeChat refuses the code: a clear 400 naming it, not a server error. */
@ExtendWith(ReportPostExtension.class)
class OAuthCallbackTest {

  @Test
  void aCodeUsedTwiceIsRefusedAsABadCode(TestHttp http) {
    Residents.Authorized first = Residents.authorize(http, "oTwice" + System.nanoTime());
    assertThat(http.get(first.callback(), "Cookie", first.browserCookie()).status()).isEqualTo(302);

    // The page reloaded with its old code, under a state that is still fresh.
    String usedCode = first.query().replaceAll(".*code=([^&]*).*", "$1");
    Residents.Authorized fresh = Residents.authorize(http, "oOther" + System.nanoTime());
    String freshState = fresh.query().replaceAll(".*state=([^&]*).*", "$1");
    TestHttp.Response again = http.get("/wx/oauth/callback?code=" + usedCode + "&state=" + freshState,
        "Cookie", fresh.browserCookie());
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
    assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("already used");
  }
}

package cn.reportpost.testing;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs a resident in the way a phone does: our OAuth start, WeChat's (the sandbox's) authorize page, our callback. */
public final class Residents {

  private Residents() {}

  /** The Cookie header value of a fresh session for {@code openid}. */
  public static String signIn(TestHttp http, String openid) {
    Authorized authorized = authorize(http, openid);
    TestHttp.Response back = http.get(authorized.callback(), "Cookie", authorized.browserCookie());
    assertThat(back.status()).as("oauth callback: " + back.body()).isEqualTo(302);
    assertThat(back.header("Location")).isEqualTo("/h5/orders");
    return back.cookie("rp_session");
  }

  /**
   * Where WeChat sends the phone back after our OAuth start (the callback's path and query), and
   * the cookie our start left in that phone's browser, which the callback must see again.
   */
  public record Authorized(String callback, String browserCookie) {
    public String query() {
      return URI.create(callback).getRawQuery();
    }
  }

  /** Our start, then WeChat's authorize page as {@code openid}, stopping before our callback. */
  public static Authorized authorize(TestHttp http, String openid) {
    TestHttp.Response start = http.get("/wx/oauth/start?next=/h5/orders");
    assertThat(start.status()).as("oauth start: " + start.body()).isEqualTo(302);
    String browser = start.cookie("rp_oauth");
    assertThat(browser).as("the start's browser cookie").isNotNull();
    // WeChat's authorize URL ends in the fragment #wechat_redirect; the phone's openid goes before it.
    String location = start.header("Location");
    int fragment = location.indexOf('#');
    String authorize = fragment < 0 ? location + "&openid=" + openid
        : location.substring(0, fragment) + "&openid=" + openid + location.substring(fragment);
    TestHttp.Response wechat = TestHttp.absolute(authorize);
    assertThat(wechat.status()).as("sandbox authorize").isEqualTo(302);
    URI callback = URI.create(wechat.header("Location"));
    return new Authorized(callback.getRawPath() + "?" + callback.getRawQuery(), browser);
  }
}

package cn.reportpost.testing;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs a resident in the way a phone does: our OAuth start, WeChat's (the sandbox's) authorize page, our callback. */
public final class Residents {

  private Residents() {}

  /** The Cookie header value of a fresh session for {@code openid}. */
  public static String signIn(TestHttp http, String openid) {
    TestHttp.Response start = http.get("/wx/oauth/start?next=/h5/orders");
    assertThat(start.status()).as("oauth start").isEqualTo(302);
    // WeChat's authorize URL ends in the fragment #wechat_redirect; the phone's openid goes before it.
    String location = start.header("Location");
    int fragment = location.indexOf('#');
    String authorize = fragment < 0 ? location + "&openid=" + openid
        : location.substring(0, fragment) + "&openid=" + openid + location.substring(fragment);
    TestHttp.Response wechat = TestHttp.absolute(authorize);
    assertThat(wechat.status()).as("sandbox authorize").isEqualTo(302);
    URI callback = URI.create(wechat.header("Location"));
    TestHttp.Response back = http.get(callback.getRawPath() + "?" + callback.getRawQuery());
    assertThat(back.status()).as("oauth callback").isEqualTo(302);
    assertThat(back.header("Location")).isEqualTo("/h5/orders");
    return back.header("Set-Cookie").split(";")[0];
  }
}

package cn.reportpost.resident;

import cn.reportpost.testing.OtherAddress;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in finishes only in the browser that started it, so a callback link cannot sign a victim
 * in as someone else; and one address cannot start sign-ins without end.
 */
@ExtendWith(ReportPostExtension.class)
class OAuthBrowserBindingTest {

  @Test
  void theStartLeavesAShortLivedHttpOnlyLaxCookieThatTheCallbackClears(TestHttp http) {
    TestHttp.Response start = http.get("/wx/oauth/start?next=/h5/orders");
    String cookie = setCookie(start, "rp_oauth");
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/wx/oauth")
        .contains("Max-Age=600");

    Residents.Authorized signIn = Residents.authorize(http, "oBound" + System.nanoTime());
    TestHttp.Response back = http.get(signIn.callback(), "Cookie", signIn.browserCookie());
    assertThat(back.status()).isEqualTo(302);
    assertThat(back.cookie("rp_session")).isNotNull();
    assertThat(setCookie(back, "rp_oauth")).startsWith("rp_oauth=;").contains("Max-Age=0");
  }

  @Test
  void aCallbackLinkOpenedInABrowserThatDidNotStartItSignsNobodyIn(TestHttp http) {
    // Someone starts a sign-in as themselves and stops at WeChat's redirect back to us...
    Residents.Authorized attacker = Residents.authorize(http, "oAttacker" + System.nanoTime());
    // ...and sends the link to a phone that never started one, or started its own.
    TestHttp.Response noCookie = http.get(attacker.callback());
    Residents.Authorized victim = Residents.authorize(http, "oVictim" + System.nanoTime());
    TestHttp.Response otherCookie = http.get(attacker.callback(), "Cookie", victim.browserCookie());

    for (TestHttp.Response refused : List.of(noCookie, otherCookie)) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("state");
      assertThat(refused.cookie("rp_session")).as("no session is set").isNull();
    }
    // The browser that started it still finishes.
    assertThat(http.get(attacker.callback(), "Cookie", attacker.browserCookie()).status()).isEqualTo(302);
  }

  @Test
  void startingSignInsBeyondTheLimitFromOneAddressIs429(TestApp app, TestHttp http) {
    int limit = app.app().services().config().integer("residents.oauthStartsPerIpPerMinute");
    OtherAddress from = OtherAddress.fresh();
    List<Future<TestHttp.Response>> starts = IntStream.range(0, limit)
        .mapToObj(i -> from.send(HttpMethod.GET, "/wx/oauth/start?next=/h5/orders", null, null)).toList();
    assertThat(OtherAddress.awaitAll(starts)).extracting(TestHttp.Response::status).containsOnly(302);

    TestHttp.Response over = from.get("/wx/oauth/start?next=/h5/orders");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(over.cookie("rp_oauth")).isNull();
    assertThat(http.get("/wx/oauth/start?next=/h5/orders").status()).as("other addresses").isEqualTo(302);
  }

  private static String setCookie(TestHttp.Response r, String name) {
    return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith(name + "=")).findFirst().orElse("");
  }
}

package cn.reportpost.resident;

import cn.reportpost.privacy.PersonalData;
import cn.reportpost.testing.LogLines;
import cn.reportpost.testing.MiniApps;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Mini-program sign-in through the sandbox: sessions, WeChat's refusals, and the session_key kept secret. */
@ExtendWith(ReportPostExtension.class)
class MiniAppLoginTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;
  /** Every answer this test class saw, scanned for the session key. */
  private final List<String> bodies = new ArrayList<>();

  MiniAppLoginTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  private TestHttp.Response session(String code) {
    TestHttp.Response r = http.postJson("/api/v1/miniapp/session", new JsonObject().put("code", code));
    bodies.add(r.body());
    return r;
  }

  private Row residentRow(String maOpenid) throws Exception {
    return app.app().services().pool()
        .preparedQuery("SELECT id, mp_openid, unionid, ma_session_key FROM resident WHERE ma_openid = $1")
        .execute(Tuple.of(maOpenid)).await(5, TimeUnit.SECONDS).iterator().next();
  }

  private String decrypt(String stored) {
    var c = app.app().services().config();
    return PersonalData.of(c.string("secrets.piiKeyId"), c.string("secrets.piiKey"), c.string("secrets.piiOldKeys"),
        c.string("secrets.hashKey")).decrypt(stored);
  }

  @Test
  void aLoginOpensABearerSessionOnTheMiniProgramChannelAndNeverAnswersTheSessionKey() throws Exception {
    String openid = "oMa" + System.nanoTime();
    TestHttp.Response r = session(MiniApps.loginCode(sandbox, openid, new JsonObject()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().fieldNames()).containsExactlyInAnyOrder("openid", "token");
    assertThat(r.json().getString("openid")).isEqualTo(openid);
    assertThat(r.header("Set-Cookie")).startsWith(ResidentAuth.COOKIE + "=" + r.json().getString("token"));
    TestHttp.Response me = http.get("/api/v1/me", "Authorization", "Bearer " + r.json().getString("token"));
    assertThat(me.json().getString("openid")).isEqualTo(openid);

    String stored = residentRow(openid).getString("ma_session_key");
    String sessionKey = decrypt(stored);
    assertThat(sessionKey).hasSize(24).isNotEqualTo(stored);
    bodies.add(me.body());
    bodies.add(r.headers().toString());
    assertThat(bodies).noneMatch(b -> b.contains(sessionKey));
    assertThat(LogLines.lines()).noneMatch(line -> line.contains(sessionKey));
  }

  @Test
  void aLoginCodeWorksOnce() {
    String code = MiniApps.loginCode(sandbox, "oMaTwice" + System.nanoTime(), new JsonObject());
    assertThat(session(code).status()).isEqualTo(200);

    TestHttp.Response again = session(code);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    assertThat(again.json().getString("detail")).contains("already used");
  }

  @Test
  void weChatsRefusalsBecomeProblems() {
    TestHttp.Response tooMany = session(MiniApps.loginCode(sandbox, "oMaBusy", new JsonObject().put("errcode", 45011)));
    assertThat(tooMany.status()).isEqualTo(429);
    assertThat(tooMany.header("Retry-After")).isNotBlank();
    TestHttp.Response risky = session(MiniApps.loginCode(sandbox, "oMaRisky", new JsonObject().put("errcode", 40226)));
    assertThat(risky.status()).isEqualTo(403);
    assertThat(risky.header("Content-Type")).startsWith("application/problem+json");
    assertThat(session("").status()).isEqualTo(400);
    assertThat(http.post("/api/v1/miniapp/session", "application/json", "{\"code\": 42}").status()).isEqualTo(400);
  }

  /** WeChat's codes are letters and digits: anything else is the caller's mistake, refused before WeChat is asked. */
  @Test
  void aCodeOutsideWeChatsAlphabetIsA400NamingIt() {
    String auth = MiniApps.signIn(http, sandbox, "oMaAlphabet" + System.nanoTime());
    for (String code : List.of("abc def", "abc&grant_type=x", "abc%20", "码123", "abc\n")) {
      for (String path : List.of("/api/v1/miniapp/session", "/api/v1/miniapp/phone")) {
        TestHttp.Response r = http.postJson(path, new JsonObject().put("code", code), "Authorization", auth);
        assertThat(r.status()).as(path + " " + code + ": " + r.body()).isEqualTo(400);
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
        assertThat(r.json().getString("detail")).as(path + " " + code).contains("letters");
      }
    }
  }

  @Test
  void aResidentTheOfficialAccountKnowsByUnionidIsTheSameResident() throws Exception {
    String unionid = "oUnion" + System.nanoTime();
    long mpResident = app.app().services().pool()
        .preparedQuery("INSERT INTO resident (mp_openid, unionid) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of("oMp" + unionid, unionid)).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    String maOpenid = "oMa" + unionid;

    TestHttp.Response r = session(MiniApps.loginCode(sandbox, maOpenid, new JsonObject().put("unionid", unionid)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(residentRow(maOpenid).getLong("id")).isEqualTo(mpResident);
    // And a second login finds the same row by its mini-program openid.
    assertThat(session(MiniApps.loginCode(sandbox, maOpenid, new JsonObject())).status()).isEqualTo(200);
    assertThat(residentRow(maOpenid).getLong("id")).isEqualTo(mpResident);
  }

  @Test
  void thePhoneNumberComesFromWeChatForASignedInResident() {
    String auth = MiniApps.signIn(http, sandbox, "oMaPhone" + System.nanoTime());
    String code = sandbox.http().postJson("/sandbox/miniapp/phone", new JsonObject().put("phoneNumber", "13912345678"))
        .json().getString("code");

    assertThat(http.postJson("/api/v1/miniapp/phone", new JsonObject().put("code", code)).status()).isEqualTo(401);
    TestHttp.Response phone = http.postJson("/api/v1/miniapp/phone", new JsonObject().put("code", code), "Authorization", auth);
    assertThat(phone.status()).as(phone.body()).isEqualTo(200);
    assertThat(phone.json().getString("phoneNumber")).isEqualTo("13912345678");
    TestHttp.Response reused = http.postJson("/api/v1/miniapp/phone", new JsonObject().put("code", code), "Authorization", auth);
    assertThat(reused.status()).isEqualTo(400);
  }
}

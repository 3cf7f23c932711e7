package cn.reportpost.wechat;

import cn.reportpost.Services;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.reportpost.wechat.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The access token is shared through Redis and refreshed exactly once when WeChat rejects it. */
@ExtendWith(ReportPostExtension.class)
class AccessTokenTest {

  /** The app's own notification worker may fetch a token at any moment, and these tests count tokens. */
  @BeforeEach
  void pauseTheAppsOutboxWorker(TestApp app) throws Exception {
    app.app().modules().pauseOutbox().await(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @AfterEach
  void resumeIt(TestApp app) {
    app.app().modules().resumeOutbox();
  }

  /** A gateway like another instance of the product: same Redis, same token key prefix. */
  private static WeChatGateway instance(TestApp app, String prefix) throws Exception {
    Services s = app.app().services();
    return WeChatGateway.create(s.vertx(), s.config().with("wechat.mp.tokenKeyPrefix", prefix), s.redis(), s.clock());
  }

  @Test
  void twoInstancesOnOneRedisFetchOneTokenBetweenThem(TestApp app) throws Exception {
    String prefix = "t-" + UUID.randomUUID();
    String openid = "oShared" + UUID.randomUUID();
    int before = app.app().sandbox().tokensIssued();
    try (WeChatGateway a = instance(app, prefix); WeChatGateway b = instance(app, prefix)) {
      List<Future<Void>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(a.mp().sendText(openid, "a" + i));
        calls.add(b.mp().sendText(openid, "b" + i));
      }
      calls.forEach(Await::result);
    }
    assertThat(app.app().sandbox().tokensIssued() - before).isEqualTo(1);
    JsonArray sent = app.sandboxHttp().get("/sandbox/mp/sent?openid=" + openid).jsonArray();
    assertThat(sent).hasSize(8);
    String token = result(app.app().services().redis().call(r -> r.get(prefix + ":access_token:"
        + app.app().services().config().string("wechat.mp.appId"))));
    assertThat(token).as("the token lives in Redis under the shared prefix").isNotBlank();
    assertThat(sent.stream().map(m -> ((JsonObject) m).getString("accessToken")).distinct())
        .as("both instances sent every message with that one token").containsExactly(token);
  }

  @Test
  void rejectedTokenForcesExactlyOneRefreshAndOneRetry(TestApp app) throws Exception {
    String prefix = "t-" + UUID.randomUUID();
    String openid = "oRetry" + UUID.randomUUID();
    try (WeChatGateway gateway = instance(app, prefix)) {
      result(gateway.mp().sendText(openid, "first"));
      String key = prefix + ":access_token:" + app.app().services().config().string("wechat.mp.appId");
      String oldToken = result(app.app().services().redis().call(r -> r.get(key)));

      // WeChat forgets every token: the next call is answered 40001 although Redis still holds one.
      assertThat(app.sandboxHttp().post("/sandbox/mp/tokens/revoke", null, "").status()).isEqualTo(204);
      int before = app.app().sandbox().tokensIssued();
      result(gateway.mp().sendText(openid, "second"));

      assertThat(app.app().sandbox().tokensIssued() - before).isEqualTo(1);
      assertThat(app.sandboxHttp().get("/sandbox/mp/sent?openid=" + openid).jsonArray()).hasSize(2);
      String newToken = result(app.app().services().redis().call(r -> r.get(key)));
      assertThat(newToken).as("the refreshed token replaced the old one in Redis").isNotBlank().isNotEqualTo(oldToken);
    }
  }
}

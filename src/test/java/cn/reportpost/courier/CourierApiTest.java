package cn.reportpost.courier;

import cn.reportpost.config.AppConfig;
import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The courier app's own API: the phone reveal's scope and audit, and the JS-SDK signature. */
@ExtendWith(ReportPostExtension.class)
class CourierApiTest {

  private final TestApp app;
  private final TestHttp http;
  private final Staff staff;
  private final Staff courier;

  CourierApiTest(TestApp app) {
    this.app = app;
    this.http = app.http();
    this.staff = Staff.signIn(http, "staff");
    this.courier = Staff.signIn(http, "courier");
  }

  /** WeChat's documented algorithm: sha1 of the four fields sorted by name, joined as a query string. */
  private static String weChatSignature(String ticket, String nonce, long timestamp, String url) throws Exception {
    String text = "jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + timestamp + "&url=" + url;
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private String posted() throws Exception {
    String orderNo = PaidOrders.place(app, "TY001").orderNo();
    assertThat(staff.post("/api/v1/staff/orders/" + orderNo + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNo))).json().getString("handoverNo");
    assertThat(courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(orderNo))).status())
        .isEqualTo(200);
    String waybill = String.format("3%012d", System.nanoTime() % 1_000_000_000_000L);
    TestHttp.Response r = courier.post("/api/v1/staff/orders/" + orderNo + "/waybill", Map.of("waybillNo", waybill));
    assertThat(r.json().getString("status")).as(r.body()).isEqualTo("POSTED");
    return orderNo;
  }

  private List<Row> reveals(String orderNo) throws Exception {
    List<Row> rows = new ArrayList<>();
    app.app().services().pool().preparedQuery("SELECT actor, action, target, detail FROM audit_log WHERE action = 'pii.reveal' AND target = $1")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).forEach(rows::add);
    return rows;
  }

  @Test
  void theAppShellIsServedWithItsWorkerManifestAndTheJsSdkHostAllowed() {
    TestHttp.Response page = http.get("/courier/");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    String jsSdk = app.app().services().config().string("wechat.mp.jssdkUrl");
    assertThat(page.body()).contains("data-jssdk=\"" + jsSdk + "\"").contains("/courier/manifest.webmanifest");
    URI jsSdkUri = URI.create(jsSdk);
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self' " + jsSdkUri.getScheme() + "://" + jsSdkUri.getAuthority() + ";");
    for (String path : List.of("/courier/sw.js", "/courier/app.js", "/courier/manifest.webmanifest", "/courier/icons/icon-192.png",
        "/courier/vendor/idb.umd.js", "/courier/vendor/zxing-browser.min.js", "/courier/vendor/weui.min.css")) {
      assertThat(http.get(path).status()).as(path).isEqualTo(200);
    }
    assertThat(app.sandboxHttp().get("/sandbox/jweixin.js").body()).contains("scanQRCode");
  }

  @Test
  void theFullPhoneIsRevealedOnlyToACourierCarryingTheOrderAndEachRevealIsAudited() throws Exception {
    String orderNo = posted();
    String path = "/api/v1/courier/orders/" + orderNo + "/phone";

    TestHttp.Response listed = courier.get("/api/v1/staff/orders?status=POSTED&q=" + orderNo);
    assertThat(listed.body()).contains(orderNo).doesNotContain("13912345678");

    Staff datong = Accounts.create(app, "courier-dt-phone", "COURIER", null, List.of("140200"));
    assertThat(datong.post(path).status()).as("a courier of another city").isEqualTo(404);
    assertThat(staff.post(path).status()).as("site staff").isEqualTo(403);
    assertThat(http.post(path, "application/json", "{}", "Cookie", courier.cookie()).status()).as("without the CSRF token")
        .isEqualTo(403);
    assertThat(http.post(path, "application/json", "{}").status()).as("signed out").isEqualTo(401);
    assertThat(reveals(orderNo)).isEmpty();

    TestHttp.Response revealed = courier.post(path);
    assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
    assertThat(revealed.json().getString("phone")).isEqualTo("13912345678");
    assertThat(revealed.header("Cache-Control")).isEqualTo("no-store");
    courier.post(path);
    List<Row> audit = reveals(orderNo);
    assertThat(audit).hasSize(2);
    assertThat(audit.get(0).getString("actor")).isEqualTo("courier");
    assertThat(audit.get(0).getString("detail")).startsWith("field=recipient.phone; reason=delivery");

    String paidOnly = PaidOrders.place(app, "TY001").orderNo();
    TestHttp.Response early = courier.post("/api/v1/courier/orders/" + paidOnly + "/phone");
    // Not handed to this courier yet: it does not exist for them (need to know), rather than "not yet".
    assertThat(early.status()).as("an order the courier does not carry yet").isEqualTo(404);
    assertThat(reveals(paidOnly)).isEmpty();
  }

  @Test
  void aWaybillTravelsInTheOfflineBatchAsAPostedEventAndIsAppliedOnce() throws Exception {
    String orderNo = PaidOrders.place(app, "TY001").orderNo();
    assertThat(staff.post("/api/v1/staff/orders/" + orderNo + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNo))).json().getString("handoverNo");
    courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(orderNo)));
    String serial = String.format("%08d", System.nanoTime() % 100_000_000L);
    String waybill = "EE" + serial + cn.reportpost.order.model.WaybillNumber.s10CheckDigit(serial) + "CN";
    java.time.OffsetDateTime t = java.time.OffsetDateTime.now().minusMinutes(10);
    JsonObject batch = new JsonObject().put("events", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("eventId", "post-" + orderNo).put("orderNo", orderNo).put("type", "POSTED")
            .put("at", t.toString()).put("location", "小店区邮政支局").put("waybillNo", waybill))
        .add(new JsonObject().put("eventId", "seal-" + orderNo).put("orderNo", orderNo).put("type", "IN_TRANSIT")
            .put("at", t.plusMinutes(2).toString())));

    TestHttp.Response first = courier.post("/api/v1/staff/events", batch);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("result")))
        .containsExactly("APPLIED", "APPLIED");
    TestHttp.Response replay = courier.post("/api/v1/staff/events", batch);
    assertThat(replay.json().getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("result")))
        .containsExactly("DUPLICATE", "DUPLICATE");
    JsonObject order = courier.get("/api/v1/staff/orders?status=IN_TRANSIT&q=" + orderNo).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> orderNo.equals(o.getString("orderNo"))).findFirst().orElseThrow();
    assertThat(order.getString("waybillNo")).isEqualTo(waybill);

    JsonObject noWaybill = new JsonObject().put("eventId", "post2-" + orderNo).put("orderNo", orderNo).put("type", "POSTED")
        .put("at", t.toString());
    TestHttp.Response refused = courier.post("/api/v1/staff/events", new JsonObject().put("events", new io.vertx.core.json.JsonArray().add(noWaybill)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("events[0].waybillNo");
    JsonObject strayWaybill = noWaybill.copy().put("type", "DELIVERED").put("waybillNo", waybill);
    assertThat(courier.post("/api/v1/staff/events", new JsonObject().put("events", new io.vertx.core.json.JsonArray().add(strayWaybill)))
        .body()).contains("belongs only to a POSTED event");
  }

  @Test
  void theJsSdkSignatureIsWeChatsSha1OverTheSharedTicketNonceTimeAndPageAddress() throws Exception {
    // WeChat's own worked example (JS-SDK documentation, appendix 1) pins the algorithm down.
    assertThat(weChatSignature("sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
        "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
        .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");

    AppConfig config = app.app().services().config();
    String ticket = "fixedTicketForTheSignatureTest" + System.nanoTime();
    assertThat(app.sandboxHttp().postJson("/sandbox/mp/jsapi-ticket", Map.of("ticket", ticket)).status()).isEqualTo(204);
    String key = config.string("wechat.mp.tokenKeyPrefix") + ":ticket:key:" + config.string("wechat.mp.appId") + ":jsapi";
    app.app().services().redis().call(c -> c.del(key)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    int fetchedBefore = app.sandboxHttp().get("/sandbox/mp/jsapi-ticket").json().getInteger("issued");

    String page = http.base() + "/courier/?from=menu";
    String query = "/api/v1/wx/jssdk-config?url=" + URLEncoder.encode(page + "#deliver", StandardCharsets.UTF_8);
    JsonObject first = courier.get(query).json();
    JsonObject second = courier.get(query).json();
    for (JsonObject c : List.of(first, second)) {
      assertThat(c.getString("appId")).isEqualTo(config.string("wechat.mp.appId"));
      assertThat(c.getLong("timestamp")).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);
      assertThat(c.getString("signature"))
          .isEqualTo(weChatSignature(ticket, c.getString("nonceStr"), c.getLong("timestamp"), page));
    }
    assertThat(first.getString("nonceStr")).isNotEqualTo(second.getString("nonceStr"));
    assertThat(app.sandboxHttp().get("/sandbox/mp/jsapi-ticket").json().getInteger("issued"))
        .as("one ticket, shared through Redis, for both signatures").isEqualTo(fetchedBefore + 1);

    assertThat(courier.get("/api/v1/wx/jssdk-config?url=" + URLEncoder.encode("https://evil.example/x", StandardCharsets.UTF_8))
        .status()).isEqualTo(400);
    assertThat(courier.get("/api/v1/wx/jssdk-config").status()).isEqualTo(400);
    assertThat(http.get(query).status()).isEqualTo(401);
  }
}

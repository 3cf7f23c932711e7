package cn.reportpost.tracking;

import cn.reportpost.testing.Outbox;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EMS network's scans, pushed by Kuaidi100 (the sandbox's, signed with the subscription's salt),
 * reach the order: each stage once, in order, never backwards, with the scan's place and time;
 * repeated, late, forged and unknown pushes change nothing, and a courier reporting the same stage
 * makes one transition with the carrier, whichever comes first.
 */
@ExtendWith(ReportPostExtension.class)
class TrackingPushTest {

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;
  private final Outbox outbox;
  private final Staff staff;
  private final Staff courier;
  /** Scan times: an hour ago and on, ten minutes apart, whole seconds as Kuaidi100 writes them. */
  private OffsetDateTime clock = OffsetDateTime.now(CHINA).minusHours(1).withNano(0);

  TrackingPushTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.http = app.http();
    this.sandbox = sandbox;
    this.outbox = new Outbox(app);
    this.staff = Staff.signIn(http, "staff");
    this.courier = Staff.signIn(http, "courier");
  }

  /** A posted order whose waybill Kuaidi100 now tracks. */
  private PostedOrders.Posted tracked() throws Exception {
    PostedOrders.Posted p = PostedOrders.post(app, staff, courier);
    assertThat(outbox.settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 3)).isEqualTo("SENT");
    return p;
  }

  /** The network scans the parcel in state {@code state}; Kuaidi100 pushes the trail; answers each push's outcome. */
  private JsonArray scan(PostedOrders.Posted p, String state, String context, String area, String query) {
    clock = clock.plusMinutes(10);
    TestHttp.Response r = sandbox.http().postJson("/sandbox/tracking/" + p.waybillNo() + "/scan" + query,
        new JsonObject().put("state", state).put("context", context).put("areaName", area).put("at", clock.toString()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("pushes");
  }

  private JsonArray scan(PostedOrders.Posted p, String state, String context) {
    JsonArray pushes = scan(p, state, context, "山西省,太原市", "");
    assertThat(pushes).allSatisfy(push -> assertThat(kept((JsonObject) push)).as(push.toString()).isTrue());
    return pushes;
  }

  private static boolean kept(JsonObject push) {
    JsonObject answer = push.getJsonObject("answer");
    return push.getInteger("status") == 200 && answer.getBoolean("result") && "200".equals(answer.getString("returnCode"));
  }

  private JsonObject detail(PostedOrders.Posted p) {
    return http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json();
  }

  /** The timeline after POSTED as "STATUS/ACTOR". */
  private List<String> afterPosted(PostedOrders.Posted p) {
    List<String> all = detail(p).getJsonArray("timeline").stream().map(e -> (JsonObject) e)
        .map(e -> e.getString("to") + "/" + e.getString("actorRole")).toList();
    return all.subList(all.indexOf("POSTED/COURIER") + 1, all.size());
  }

  private Row tracking(PostedOrders.Posted p) throws Exception {
    return app.app().services().pool().preparedQuery("""
            SELECT t.status, t.problem, o.flagged, (SELECT count(*) FROM tracking_scan s WHERE s.order_no = t.order_no) AS scans
            FROM tracking_subscription t JOIN report_order o ON o.order_no = t.order_no WHERE t.order_no = $1""")
        .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS).iterator().next();
  }

  /** Posts a push to the product as Kuaidi100 would: a form of param and sign. */
  private TestHttp.Response push(String param, String sign) {
    String form = "param=" + URLEncoder.encode(param, StandardCharsets.UTF_8)
        + (sign == null ? "" : "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8));
    return http.post("/track/kuaidi100", "application/x-www-form-urlencoded", form);
  }

  @Test
  void theNetworksScansMoveTheOrderToTheDoorWithEachScansPlaceAndTime() throws Exception {
    PostedOrders.Posted p = tracked();
    scan(p, "1", "【太原市】太原邮区中心局已收寄");
    assertThat(detail(p).getString("status")).as("collected: the order says so already").isEqualTo("POSTED");
    scan(p, "0", "【太原市】邮件已由太原邮区中心局封发，发往北京");
    OffsetDateTime sealed = clock;
    scan(p, "5", "【北京市】朝阳区投递部安排投递，投递员：王五");
    scan(p, "3", "【北京市】已签收，本人签收");

    JsonObject detail = detail(p);
    assertThat(detail.getString("status")).isEqualTo("DELIVERED");
    assertThat(afterPosted(p)).containsExactly("IN_TRANSIT/CARRIER", "OUT_FOR_DELIVERY/CARRIER", "DELIVERED/CARRIER");
    JsonObject transit = detail.getJsonArray("timeline").stream().map(e -> (JsonObject) e)
        .filter(e -> "IN_TRANSIT".equals(e.getString("to"))).findFirst().orElseThrow();
    assertThat(transit.getString("location")).isEqualTo("山西省,太原市");
    assertThat(transit.getString("note")).isEqualTo("【太原市】邮件已由太原邮区中心局封发，发往北京");
    assertThat(OffsetDateTime.parse(transit.getString("at")).toInstant()).isEqualTo(sealed.toInstant());

    JsonArray trail = detail.getJsonArray("carrierTrail");
    assertThat(trail.stream().map(s -> ((JsonObject) s).getString("context"))).as("newest first").containsExactly(
        "【北京市】已签收，本人签收", "【北京市】朝阳区投递部安排投递，投递员：王五", "【太原市】邮件已由太原邮区中心局封发，发往北京",
        "【太原市】太原邮区中心局已收寄");
    assertThat(trail.getJsonObject(0).getString("areaName")).isEqualTo("山西省,太原市");
    assertThat(tracking(p).getString("status")).as("signed for: Kuaidi100 shuts the tracking down").isEqualTo("ENDED");
  }

  @Test
  void everyStateOfKuaidi100IsMappedToTheOrdersStages() throws Exception {
    Map<List<String>, List<String>> cases = new java.util.LinkedHashMap<>();
    cases.put(List.of("0", "5", "14"), List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_FAILED"));
    cases.put(List.of("0", "5", "14", "6"), List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "RETURNED"));
    cases.put(List.of("0", "5", "4"), List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_FAILED", "RETURNED"));
    cases.put(List.of("3"), List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"));
    cases.put(List.of("0", "2"), List.of("IN_TRANSIT"));
    for (Map.Entry<List<String>, List<String>> c : cases.entrySet()) {
      PostedOrders.Posted p = tracked();
      for (String state : c.getKey()) {
        scan(p, state, "状态 " + state + " 的扫描");
      }
      assertThat(afterPosted(p)).as("states " + c.getKey())
          .containsExactlyElementsOf(c.getValue().stream().map(s -> s + "/CARRIER").toList());
      Row tracking = tracking(p);
      assertThat(tracking.getLong("scans")).isEqualTo(c.getKey().size());
      assertThat(tracking.getBoolean("flagged")).as("flagged after " + c.getKey()).isEqualTo(c.getKey().contains("2"));
    }
  }

  @Test
  void aStageNoScanOfItsOwnReportedIsFilledInAndSaysSo() throws Exception {
    PostedOrders.Posted p = tracked();
    scan(p, "3", "【北京市】已签收，他人代收");
    JsonArray timeline = detail(p).getJsonArray("timeline");
    JsonObject transit = timeline.stream().map(e -> (JsonObject) e).filter(e -> "IN_TRANSIT".equals(e.getString("to")))
        .findFirst().orElseThrow();
    assertThat(transit.getString("note")).startsWith("未见此环节扫描").endsWith("【北京市】已签收，他人代收");
    JsonObject delivered = timeline.getJsonObject(timeline.size() - 1);
    assertThat(delivered.getString("to")).isEqualTo("DELIVERED");
    assertThat(delivered.getString("note")).isEqualTo("【北京市】已签收，他人代收");
  }

  @Test
  void aProblemAndKuaidi100GivingUpFlagTheOrderForOperations() throws Exception {
    PostedOrders.Posted held = tracked();
    scan(held, "0", "【太原市】已封发");
    scan(held, "2", "【太原市】邮件滞留，等待处理");
    Row problem = tracking(held);
    assertThat(problem.getBoolean("flagged")).isTrue();
    assertThat(problem.getString("problem")).contains("邮件滞留");
    assertThat(detail(held).getString("status")).isEqualTo("IN_TRANSIT");

    PostedOrders.Posted wrong = tracked();
    TestHttp.Response abort = sandbox.http().postJson("/sandbox/tracking/" + wrong.waybillNo() + "/scan",
        new JsonObject().put("status", "abort").put("message", "3天查询无记录"));
    assertThat(kept(abort.json().getJsonArray("pushes").getJsonObject(0))).as(abort.body()).isTrue();
    Row aborted = tracking(wrong);
    assertThat(aborted.getString("status")).isEqualTo("ABORTED");
    assertThat(aborted.getString("problem")).contains("3天查询无记录");
    assertThat(aborted.getBoolean("flagged")).isTrue();
    assertThat(detail(wrong).getString("status")).isEqualTo("POSTED");
  }

  @Test
  void aPushRepeatedAtOnceMakesEachMoveOnceAndKeepsEachScanOnce() throws Exception {
    PostedOrders.Posted p = tracked();
    JsonArray pushes = scan(p, "0", "【太原市】已封发", "山西省,太原市", "?times=4");
    assertThat(pushes).hasSize(4).allSatisfy(push -> assertThat(kept((JsonObject) push)).as(push.toString()).isTrue());
    scan(p, "5", "【北京市】投递中", "北京市", "?times=3");
    assertThat(afterPosted(p)).containsExactly("IN_TRANSIT/CARRIER", "OUT_FOR_DELIVERY/CARRIER");
    assertThat(tracking(p).getLong("scans")).isEqualTo(2);
    assertThat(detail(p).getJsonArray("carrierTrail")).hasSize(2);
  }

  @Test
  void aLatePushOfAnEarlierTrailChangesNothing() throws Exception {
    PostedOrders.Posted p = tracked();
    scan(p, "0", "【太原市】已封发");
    scan(p, "5", "【北京市】投递中");
    JsonObject early = sandbox.http().get("/sandbox/tracking/" + p.waybillNo()).json().getJsonArray("pushes").getJsonObject(0);

    TestHttp.Response late = push(early.getString("param"), early.getString("sign"));
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.json().getString("returnCode")).isEqualTo("200");
    assertThat(detail(p).getString("status")).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(afterPosted(p)).containsExactly("IN_TRANSIT/CARRIER", "OUT_FOR_DELIVERY/CARRIER");
    assertThat(tracking(p).getLong("scans")).isEqualTo(2);
  }

  @Test
  void aPushWithAWrongOrMissingSignIsRefusedAndChangesNothing() throws Exception {
    PostedOrders.Posted p = tracked();
    JsonObject forged = scan(p, "0", "【太原市】已封发", "山西省,太原市", "?fault=bad-signature").getJsonObject(0);
    assertThat(forged.getInteger("status")).isEqualTo(401);
    assertThat(forged.getJsonObject("answer").getBoolean("result")).isFalse();
    String param = sandbox.http().get("/sandbox/tracking/" + p.waybillNo()).json().getJsonArray("pushes")
        .getJsonObject(0).getString("param");
    assertThat(push(param, null).status()).as("unsigned").isEqualTo(401);
    assertThat(push(param.replace("已封发", "已签收"), Kuaidi100.sign(param, "a-guess")).status()).isEqualTo(401);
    assertThat(detail(p).getString("status")).isEqualTo("POSTED");
    assertThat(tracking(p).getLong("scans")).isZero();
    long refusals = app.app().services().pool().preparedQuery(
            "SELECT count(*) FROM security_event WHERE kind = 'tracking push refused' AND detail LIKE $1")
        .execute(Tuple.of("%" + p.waybillNo() + "%")).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(refusals).isEqualTo(3);

    scan(p, "5", "【北京市】投递中");
    assertThat(afterPosted(p)).as("the next genuine push carries the whole trail")
        .containsExactly("IN_TRANSIT/CARRIER", "OUT_FOR_DELIVERY/CARRIER");
  }

  @Test
  void aPushForAWaybillNobodyTracksIsAcknowledgedAndKeepsNothing() throws Exception {
    String stranger = PostedOrders.waybill();
    String param = new JsonObject().put("status", "polling").put("message", "").put("lastResult", new JsonObject()
        .put("nu", stranger).put("state", "0").put("data", new JsonArray().add(new JsonObject()
            .put("context", "【太原市】已封发").put("ftime", "2026-11-29 10:00:00").put("statusCode", "0")))).encode();
    String salt = app.app().services().config().string("tracking.kuaidi100.salt");

    TestHttp.Response answer = push(param, Kuaidi100.sign(param, salt));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().getBoolean("result")).as("retrying cannot make it ours").isTrue();
    assertThat(push(param, Kuaidi100.sign(param, "not-the-salt")).status()).isEqualTo(401);
    long kept = app.app().services().pool().preparedQuery("SELECT count(*) FROM tracking_scan WHERE context = '【太原市】已封发'"
            + " AND at = '2026-11-29 10:00:00+08'").execute().await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(kept).isZero();
  }

  @Test
  void aMalformedPushIsRefused() {
    assertThat(push("{not json", "X").status()).isEqualTo(400);
    assertThat(push(new JsonObject().put("status", "polling").encode(), "X").json().getString("message")).contains("nu");
    assertThat(http.post("/track/kuaidi100", "application/x-www-form-urlencoded", "sign=X").status()).isEqualTo(400);
  }

  @Test
  void aCourierAndTheCarrierReportingTheSameStageMakeOneTransitionWhicheverComesFirst() throws Exception {
    PostedOrders.Posted courierFirst = tracked();
    assertThat(courierEvent(courierFirst, "IN_TRANSIT").json().getBoolean("duplicate")).isFalse();
    scan(courierFirst, "0", "【太原市】已封发");
    assertThat(afterPosted(courierFirst)).containsExactly("IN_TRANSIT/COURIER");
    assertThat(detail(courierFirst).getJsonArray("carrierTrail")).as("the scan is still on the trail").hasSize(1);

    PostedOrders.Posted carrierFirst = tracked();
    scan(carrierFirst, "0", "【太原市】已封发");
    TestHttp.Response late = courierEvent(carrierFirst, "IN_TRANSIT");
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.json().getBoolean("duplicate")).isTrue();
    assertThat(afterPosted(carrierFirst)).containsExactly("IN_TRANSIT/CARRIER");
  }

  @Test
  void aPushRacingACourierEventForTheSameStageMakesOneTransition() throws Exception {
    for (int round = 0; round < 3; round++) {
      PostedOrders.Posted p = tracked();
      CompletableFuture<TestHttp.Response> byCourier = CompletableFuture.supplyAsync(() -> courierEvent(p, "IN_TRANSIT"));
      CompletableFuture<JsonArray> byCarrier = CompletableFuture.supplyAsync(
          () -> scan(p, "0", "【太原市】已封发", "山西省,太原市", "?times=2"));
      assertThat(byCourier.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(byCarrier.get(30, TimeUnit.SECONDS))
          .allSatisfy(push -> assertThat(kept((JsonObject) push)).as(push.toString()).isTrue());
      assertThat(afterPosted(p)).as("round " + round).hasSize(1)
          .allSatisfy(move -> assertThat(move).startsWith("IN_TRANSIT/"));
      assertThat(tracking(p).getLong("scans")).isEqualTo(1);
    }
  }

  @Test
  void aScanOfAStageTheOrderHasPassedIsOnlyTrail() throws Exception {
    PostedOrders.Posted p = tracked();
    courierEvent(p, "IN_TRANSIT");
    courierEvent(p, "OUT_FOR_DELIVERY");
    scan(p, "0", "【太原市】已封发");
    assertThat(detail(p).getString("status")).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(afterPosted(p)).containsExactly("IN_TRANSIT/COURIER", "OUT_FOR_DELIVERY/COURIER");
    assertThat(tracking(p).getBoolean("flagged")).isFalse();

    scan(p, "3", "【北京市】已签收");
    assertThat(afterPosted(p)).containsExactly("IN_TRANSIT/COURIER", "OUT_FOR_DELIVERY/COURIER", "DELIVERED/CARRIER");
  }

  @Test
  void aLateScanOfAFailureTheCourierHasSinceSentOutAgainChangesNothing() throws Exception {
    PostedOrders.Posted p = tracked();
    courierEvent(p, "IN_TRANSIT");
    courierEvent(p, "OUT_FOR_DELIVERY");
    courierEvent(p, "DELIVERY_FAILED", "1", "无人在家");
    courierEvent(p, "OUT_FOR_DELIVERY", "2", "");
    scan(p, "0", "【太原市】已封发");
    scan(p, "5", "【北京市】投递中");
    scan(p, "14", "【北京市】未妥投，收件人不在");
    assertThat(detail(p).getString("status")).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(afterPosted(p)).as("each stage once: the failure was already on the timeline").containsExactly(
        "IN_TRANSIT/COURIER", "OUT_FOR_DELIVERY/COURIER", "DELIVERY_FAILED/COURIER", "OUT_FOR_DELIVERY/COURIER");
  }

  @Test
  void aTrailTheOrderCannotFollowFlagsItInsteadOfMovingIt() throws Exception {
    PostedOrders.Posted p = tracked();
    courierEvent(p, "IN_TRANSIT");
    courierEvent(p, "OUT_FOR_DELIVERY");
    courierEvent(p, "DELIVERED");
    scan(p, "6", "【北京市】邮件退回寄件人");
    assertThat(detail(p).getString("status")).isEqualTo("DELIVERED");
    Row tracking = tracking(p);
    assertThat(tracking.getBoolean("flagged")).isTrue();
    assertThat(tracking.getString("problem")).contains("已退回").contains("已签收");
  }

  private TestHttp.Response courierEvent(PostedOrders.Posted p, String type) {
    return courierEvent(p, type, "", "");
  }

  private TestHttp.Response courierEvent(PostedOrders.Posted p, String type, String again, String note) {
    TestHttp.Response r = courier.post("/api/v1/staff/orders/" + p.orderNo() + "/events", new JsonObject()
        .put("eventId", "ev-" + type + again + "-" + p.orderNo()).put("type", type)
        .put("at", OffsetDateTime.now(CHINA).minusMinutes(30).toString()).put("location", "太原邮区中心局").put("note", note));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }
}

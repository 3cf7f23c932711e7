package cn.reportpost.privacy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import cn.reportpost.testing.LogLines;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of an order, with personal values no other test uses, then every log line the
 * run kept (access log included) and every error answer is searched for them: none may appear.
 */
@ExtendWith(ReportPostExtension.class)
class NoPersonalDataInLogsTest {

  private static final String SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施";

  private static String name() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      s.append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
    }
    return s.append("漏").toString();
  }

  private static String phone() {
    return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  @Test
  void noNameNumberOrAddressOfTheOrderReachesALogLineOrAnErrorAnswer() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("access");
    Level before = access.getLevel();
    access.setLevel(Level.INFO);
    try {
      run();
    } finally {
      access.setLevel(before);
    }
  }

  private void run() throws Exception {
    TestApp app = TestApp.shared();
    TestHttp http = app.http();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String patient = name();
    String recipient = name();
    String patientPhone = phone();
    String recipientPhone = phone();
    String idNumber = Orders.idNumber("140105", "1987" + String.format("%02d%02d", 1 + random.nextInt(12),
        1 + random.nextInt(28)), String.format("%03d", random.nextInt(1000)));
    String street = "泄露测试路" + random.nextInt(10_000, 100_000) + "号";
    String badId = idNumber.substring(0, 17) + (idNumber.endsWith("0") ? "1" : "0");
    List<String> secrets = List.of(patient, recipient, patientPhone, recipientPhone, idNumber, street, badId);
    List<String> errorAnswers = new ArrayList<>();

    String openid = "oLeak" + System.nanoTime();
    String cookie = Residents.signIn(http, openid);
    JsonObject body = Orders.body();
    body.getJsonObject("patient").put("name", patient).put("idNumber", idNumber).put("phone", patientPhone);
    body.getJsonObject("recipient").put("name", recipient).put("phone", recipientPhone).put("address", street);
    TestHttp.Response created = http.postJson("/api/v1/orders", body, "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = created.json().getString("orderNo");

    // Invalid requests carrying personal values: the problem names the field, never the value.
    JsonObject invalid = body.copy();
    invalid.getJsonObject("patient").put("idNumber", badId);
    invalid.put("siteCode", "NOSUCH");
    TestHttp.Response refused = http.postJson("/api/v1/orders", invalid, "Cookie", cookie);
    assertThat(refused.status()).isEqualTo(400);
    errorAnswers.add(refused.body());
    TestHttp.Response badRecipient = http.send("PUT", "/api/v1/orders/" + orderNo + "/recipient", "application/json",
        body.getJsonObject("recipient").copy().put("province", "火星").put("phone", recipientPhone + "9").encode(),
        "Cookie", cookie);
    assertThat(badRecipient.status()).isEqualTo(400);
    errorAnswers.add(badRecipient.body());

    http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    app.sandbox().pay(orderNo, "");
    Orders.awaitStatus(http, orderNo, "PAID", "Cookie", cookie);

    Staff staff = Staff.signIn(http, "staff");
    Staff courier = Staff.signIn(http, "courier");
    Staff ops = Staff.signIn(http, "ops");
    assertThat(staff.post("/api/v1/staff/orders/" + orderNo + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNo))).json()
        .getString("handoverNo");
    staff.get("/api/v1/staff/handovers/" + handoverNo + "/sheet");
    staff.get("/api/v1/staff/labels?orderNos=" + orderNo);
    courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(orderNo)));
    courier.get("/api/v1/staff/orders");
    TestHttp.Response posted = courier.post("/api/v1/staff/orders/" + orderNo + "/waybill",
        Map.of("waybillNo", PostedOrders.waybill()));
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    int n = 0;
    for (String type : new String[] {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"}) {
      TestHttp.Response moved = courier.post("/api/v1/staff/orders/" + orderNo + "/events", Map.of(
          "eventId", "leak-" + orderNo + "-" + n++, "type", type, "at", OffsetDateTime.now().toString()));
      assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }
    Orders.awaitStatus(http, orderNo, "DELIVERED", "Cookie", cookie);

    // A resident asks the chatbot; customer service searches and reveals.
    app.sandbox().http().postJson("/sandbox/mp/messages", new JsonObject().put("openid", openid).put("msgType", "text")
        .put("content", "查询"));
    app.sandbox().http().postJson("/sandbox/mp/messages", new JsonObject().put("openid", openid).put("msgType", "text")
        .put("content", patientPhone));
    assertThat(ops.get("/api/v1/ops/orders/search?q=" + URLEncoder.encode(patientPhone, StandardCharsets.UTF_8))
        .status()).isEqualTo(200);
    assertThat(ops.post("/api/v1/ops/orders/" + orderNo + "/reveal", Map.of("field", "recipient.address",
        "reason", "核对地址")).json().getString("value")).isEqualTo(street);
    TestHttp.Response revealRefused = ops.post("/api/v1/ops/orders/" + orderNo + "/reveal",
        Map.of("field", patientPhone, "reason", "x"));
    assertThat(revealRefused.status()).isEqualTo(400);
    errorAnswers.add(revealRefused.body());
    assertThat(http.send("DELETE", "/api/v1/orders/" + orderNo + "/personal-data", "application/json", "",
        "Cookie", cookie).status()).isEqualTo(200);
    String metrics = http.get("/metrics").body();

    List<String> lines = LogLines.lines();
    // The scan sees this flow's lines: the access log names the order's routes.
    assertThat(lines).as("log lines kept by the run").anyMatch(l -> l.contains("/api/v1/orders/" + orderNo + "/personal-data"));
    for (String secret : secrets) {
      assertThat(lines).as("log lines, against %s", secret).noneMatch(l -> l.contains(secret));
      assertThat(errorAnswers).as("error answers, against %s", secret).noneMatch(a -> a.contains(secret));
      assertThat(metrics).as("metrics").doesNotContain(secret);
    }
  }
}

package cn.reportpost.notify;

import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.outbox.OutboxWorker;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Status messages to residents: the outbox, its sender, retries, dead letters, and two senders at once. */
@ExtendWith(ReportPostExtension.class)
class NotificationTest {

  private final TestApp app;
  private final Sandbox sandbox;

  NotificationTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.sandbox = sandbox;
  }

  private OutboxWorker worker(int maxAttempts) {
    return new OutboxWorker(app.app().services().vertx(), new OutboxRepository(app.app().services().pool()),
        app.app().modules().outboxHandler(), app.app().services().metrics(), maxAttempts, Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  private Row outbox(String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery(
            "SELECT id, status, attempts, (SELECT count(*) FROM notification_log l WHERE l.outbox_id = o.id) AS tries"
                + " FROM notification_outbox o WHERE order_no = $1 AND kind = 'PAID'")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next();
  }

  /** The message's status once it settles: the instance's own worker may be sending it at the same moment. */
  private String settled(String orderNo, String expected) throws Exception {
    long deadline = System.currentTimeMillis() + 5000;
    String status = outbox(orderNo).getString("status");
    while (!expected.equals(status) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      status = outbox(orderNo).getString("status");
    }
    return status;
  }

  private List<JsonObject> sentAbout(String orderNo) {
    List<JsonObject> found = new ArrayList<>();
    JsonArray sent = sandbox.http().get("/sandbox/mp/sent").jsonArray();
    sent.forEach(m -> {
      if (((JsonObject) m).encode().contains(orderNo)) {
        found.add((JsonObject) m);
      }
    });
    return found;
  }

  /** Makes this order's message due now and every other pending message wait, so faults hit only it. */
  private void dueNow(String orderNo) throws Exception {
    app.app().services().pool().preparedQuery("UPDATE notification_outbox SET next_attempt_at ="
            + " CASE WHEN order_no = $1 THEN now() ELSE now() + interval '1 hour' END WHERE status = 'PENDING'")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS);
  }

  @Test
  void aPaidOrderSendsOneTemplateMessageNamingTheOrder() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    worker(8).runOnce().await(10, TimeUnit.SECONDS);
    assertThat(settled(p.orderNo(), "SENT")).isEqualTo("SENT");
    List<JsonObject> sent = sentAbout(p.orderNo());
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getString("kind")).isEqualTo("template");
    assertThat(sent.get(0).encode()).contains("已支付");
  }

  @Test
  void aFailingWeChatIsRetriedAndEveryAttemptIsLogged() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    dueNow(p.orderNo());
    sandbox.fault("/cgi-bin/message/template/send", "http500", 2);
    OutboxWorker worker = worker(8);
    for (int i = 0; i < 4 && !"SENT".equals(outbox(p.orderNo()).getString("status")); i++) {
      dueNow(p.orderNo());
      worker.runOnce().await(10, TimeUnit.SECONDS);
    }
    Row row = outbox(p.orderNo());
    assertThat(row.getString("status")).isEqualTo("SENT");
    assertThat(row.getLong("tries")).as("logged attempts, failed ones included").isGreaterThanOrEqualTo(2);
    assertThat(sentAbout(p.orderNo())).hasSize(1);
  }

  @Test
  void afterTooManyFailuresAMessageWaitsForOperationsWhoCanRetryIt() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    dueNow(p.orderNo());
    sandbox.fault("/cgi-bin/message/template/send", "http500", 2);
    OutboxWorker worker = worker(2);
    for (int i = 0; i < 3 && !"DEAD".equals(outbox(p.orderNo()).getString("status")); i++) {
      dueNow(p.orderNo());
      worker.runOnce().await(10, TimeUnit.SECONDS);
    }
    Row row = outbox(p.orderNo());
    assertThat(row.getString("status")).isEqualTo("DEAD");
    Staff ops = Staff.signIn(app.http(), "ops");
    JsonArray dead = ops.get("/api/v1/ops/notifications/dead").jsonArray();
    assertThat(dead.stream().map(d -> ((JsonObject) d).getString("orderNo"))).contains(p.orderNo());
    long id = row.getLong("id");
    assertThat(ops.post("/api/v1/ops/notifications/" + id + "/retry").status()).isEqualTo(200);
    worker(8).runOnce().await(10, TimeUnit.SECONDS);
    assertThat(settled(p.orderNo(), "SENT")).isEqualTo("SENT");
  }

  @Test
  void twoWorkersRunningAtOnceSendEachMessageOnce() throws Exception {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(PaidOrders.place(app, "TY001").orderNo());
    }
    OutboxWorker one = worker(8);
    OutboxWorker two = worker(8);
    Future.all(one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()).await(20, TimeUnit.SECONDS);
    for (String orderNo : orders) {
      assertThat(settled(orderNo, "SENT")).isEqualTo("SENT");
      assertThat(sentAbout(orderNo)).as("messages about " + orderNo).hasSize(1);
    }
  }
}

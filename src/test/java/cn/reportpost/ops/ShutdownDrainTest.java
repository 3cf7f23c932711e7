package cn.reportpost.ops;

import cn.reportpost.App;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.SecondInstance;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SIGTERM as a load balancer needs it: health goes 503 at once, requests in flight finish, then it stops. */
@ExtendWith(ReportPostExtension.class)
class ShutdownDrainTest {

  @Test
  void onStopHealthSays503AtOnceAndARequestInFlightStillFinishes(TestApp shared) throws Exception {
    // A second instance on the shared servers (same keys), so stopping it leaves the suite's server alone.
    SecondInstance second = SecondInstance.start(shared, Map.of("SHUTDOWN_DRAIN_DELAY_SECONDS", "1",
        "SHUTDOWN_GRACE_SECONDS", "10"));
    App app = second.app();
    TestHttp http = second.http();
    String cookie = Residents.signIn(http, "oDrain" + System.nanoTime());
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    assertThat(http.get("/health").status()).isEqualTo(200);

    // Hold the order's row so the resident's cancel is still in flight when the stop begins.
    SqlConnection lock = shared.app().services().pool().getConnection().await(5, TimeUnit.SECONDS);
    Transaction tx = lock.begin().await(5, TimeUnit.SECONDS);
    lock.preparedQuery("SELECT 1 FROM report_order WHERE order_no = $1 FOR UPDATE").execute(Tuple.of(orderNo))
        .await(5, TimeUnit.SECONDS);
    // HTTP/1.1, as a load balancer speaks to the instance (the JDK's HTTP/2 client drops a stream
    // still in flight when the server says GOAWAY, which the server does as it stops accepting).
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> cancel = http1.sendAsync(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/orders/" + orderNo + "/cancel"))
        .header("Content-Type", "application/json").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    assertThat(cancel).isNotDone();

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::stop);
    Thread.sleep(200);
    TestHttp.Response health = http.get("/health");
    assertThat(health.status()).as("health while draining").isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("DRAINING");
    assertThat(stopped).as("still draining while the request is in flight").isNotDone();

    Thread.sleep(1500); // past the drain delay: the server no longer accepts, but waits for the cancel
    tx.commit().await(5, TimeUnit.SECONDS);
    lock.close();
    HttpResponse<String> answer = cancel.get(15, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(new JsonObject(answer.body()).getString("status")).isEqualTo("CANCELLED");
    stopped.get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> http.get("/health")).as("nothing listens after the stop").isInstanceOf(RuntimeException.class);
    assertThat(shared.http().get("/health").status()).as("the shared servers still run").isEqualTo(200);
    second.close();
  }
}

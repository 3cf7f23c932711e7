package cn.reportpost.board;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.SecondInstance;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live board: counts for every city, and a stream that carries transitions made on any instance. */
@ExtendWith(ReportPostExtension.class)
class BoardApiTest {

  private static SecondInstance second;
  private final TestApp app;
  private final TestHttp http;

  BoardApiTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  @BeforeAll
  static void startASecondInstance(TestApp app) throws Exception {
    second = SecondInstance.start(app, Map.of());
  }

  @AfterAll
  static void stopIt() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void onlyOperationsAndAdminsSeeTheBoard() {
    assertThat(http.get("/api/v1/ops/board").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/ops/board/stream").status()).isEqualTo(401);
    for (String user : List.of("staff", "courier")) {
      assertThat(Staff.signIn(http, user).get("/api/v1/ops/board").status()).as(user).isEqualTo(403);
      assertThat(Staff.signIn(http, user).get("/api/v1/ops/board/stream").status()).as(user).isEqualTo(403);
    }
    for (String user : List.of("ops", "admin")) {
      assertThat(Staff.signIn(http, user).get("/api/v1/ops/board").status()).as(user).isEqualTo(200);
    }
  }

  @Test
  void everyCityHasALineWithEveryStatusZerosIncluded() {
    JsonObject board = Staff.signIn(http, "ops").get("/api/v1/ops/board").json();
    JsonArray cities = http.get("/api/v1/cities").jsonArray();
    assertThat(board.getJsonArray("cities").size()).isEqualTo(cities.size());
    for (Object line : board.getJsonArray("cities")) {
      JsonObject counts = ((JsonObject) line).getJsonObject("counts");
      assertThat(counts.fieldNames()).contains("PENDING_PAYMENT", "PAID", "READY", "HANDED_OVER", "POSTED", "DELIVERED",
          "REFUNDING", "REFUNDED");
    }
    assertThat(board.getJsonObject("ordersPerHour").getJsonArray("today")).hasSize(24);
    assertThat(board.getJsonObject("ordersPerHour").getJsonArray("yesterday")).hasSize(24);
    assertThat(board.getLong("breaches")).isNotNull();
    assertThat(board.getString("generatedAt")).isNotBlank();
  }

  @Test
  void aPaidOrderIsCountedInItsCityAtOnce() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    long paidBefore = taiyuan(ops.get("/api/v1/ops/board").json()).getLong("PAID");
    long orderedToday = ordersToday(ops.get("/api/v1/ops/board").json());
    PaidOrders.place(app, "TY001");
    JsonObject board = ops.get("/api/v1/ops/board").json();
    assertThat(taiyuan(board).getLong("PAID")).isEqualTo(paidBefore + 1);
    assertThat(ordersToday(board)).isEqualTo(orderedToday + 1);
  }

  @Test
  void aTransitionOnAnotherInstanceReachesTheStreamWithinTwoSecondsAndAReconnectCatchesUp() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    try (EventStream stream = EventStream.open(http.base(), ops.cookie(), null)) {
      String cookie = Residents.signIn(second.http(), "oBoard" + System.nanoTime());
      long madeAt = System.nanoTime();
      TestHttp.Response created = second.http().postJson("/api/v1/orders", Orders.body(), "Cookie", cookie);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String orderNo = created.json().getString("orderNo");
      Event event = stream.next(orderNo, Duration.ofSeconds(2));
      assertThat(Duration.ofNanos(System.nanoTime() - madeAt)).isLessThan(Duration.ofSeconds(3));
      assertThat(event.data().getString("to")).isEqualTo("PENDING_PAYMENT");
      assertThat(event.data().getString("cityCode")).isEqualTo("140100");

      try (EventStream resumed = EventStream.open(http.base(), ops.cookie(), Long.toString(event.id() - 1))) {
        Event again = resumed.next(orderNo, Duration.ofSeconds(2));
        assertThat(again.id()).isEqualTo(event.id());
      }
    }
  }

  private static JsonObject taiyuan(JsonObject board) {
    return board.getJsonArray("cities").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("cityCode").equals("140100")).findFirst().orElseThrow().getJsonObject("counts");
  }

  private static long ordersToday(JsonObject board) {
    return board.getJsonObject("ordersPerHour").getJsonArray("today").stream().mapToLong(n -> ((Number) n).longValue()).sum();
  }

  record Event(long id, JsonObject data) {}

  /** A server-sent-events connection read line by line on a thread of its own. */
  static final class EventStream implements AutoCloseable {
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    private EventStream(InputStream body) {
      this.body = body;
      this.reader = new Thread(this::read, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static EventStream open(String base, String cookie, String lastEventId) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/ops/board/stream"))
          .header("Cookie", cookie).header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      return new EventStream(response.body());
    }

    private void read() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        Long id = null;
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("id: ")) {
            id = Long.parseLong(line.substring(4));
          } else if (line.startsWith("data: ") && id != null) {
            events.add(new Event(id, new JsonObject(line.substring(6))));
          } else if (line.isEmpty()) {
            id = null;
          }
        }
      } catch (Exception e) {
        // closed by the test
      }
    }

    /** The first event about {@code orderNo} within {@code within}. */
    Event next(String orderNo, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(e).as("an event about " + orderNo + " within " + within).isNotNull();
        if (orderNo.equals(e.data().getString("orderNo"))) {
          return e;
        }
      }
    }

    @Override
    public void close() throws Exception {
      body.close();
      reader.interrupt();
    }
  }
}

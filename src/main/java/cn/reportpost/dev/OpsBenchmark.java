package cn.reportpost.dev;

import cn.reportpost.privacy.PersonalData;

import cn.reportpost.App;
import cn.reportpost.config.Mode;
import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code reportpost bench ops [ORDERS]}: the operations targets with ORDERS orders (1,000,000 by
 * default, spread over the last 30 days and every demo site, copied in SQL from one order made
 * through the API so their personal fields decrypt): the board and the daily report (p99 of 200
 * requests each), an XLSX export of about 100,000 orders (time, and the heap the process used
 * meanwhile), and a transition reaching 200 board subscribers (p99 from commit to arrival).
 */
final class OpsBenchmark {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int SUBSCRIBERS = 200;
  private static final int TRANSITIONS = 50;

  private OpsBenchmark() {}

  static void run(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    Path dir = Files.createTempDirectory("reportpost-bench-ops");
    Map<String, String> env = Benchmark.environment(dir);
    env.put("JOB_INTERVAL_SECONDS", "3600");
    env.put("PG_QUERY_TIMEOUT_MILLIS", "600000");
    App app = App.start(Mode.DEV, env, null);
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.httpPort()).setKeepAlive(true).setIdleTimeout(0),
          new PoolOptions().setHttp1MaxSize(SUBSCRIBERS + 20));
      ResidentClient client = new ResidentClient(http);
      String ops = client.staffSignIn("ops", DemoData.PASSWORD);
      Pool pool = app.services().pool();
      long t0 = System.nanoTime();
      String template = seed(client, pool, orders);
      System.out.printf("%nReportPost operations benchmark: %d CPU(s), max heap %d MB; %,d orders seeded in %.0f s%n",
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, orders,
          (System.nanoTime() - t0) / 1e9);

      LocalDate today = LocalDate.now(SHANGHAI);
      System.out.println(await(LoadRun.run(vertx, "warm-up", 100, 4, i -> ok(client, ops, "/api/v1/ops/board")
          .compose(ok -> ok(client, ops, "/api/v1/ops/reports/daily?version=live&date=" + today.minusDays(i % 30))))));
      System.out.println(await(LoadRun.run(vertx, "board", 200, 4, i -> ok(client, ops, "/api/v1/ops/board"))));
      System.out.println(await(LoadRun.run(vertx, "daily report (live)", 200, 4,
          i -> ok(client, ops, "/api/v1/ops/reports/daily?version=live&date=" + today.minusDays(1 + i % 28)))));

      export(http, ops, pool, today, template, app.services().config().personalData());
      subscribers(vertx, http, ops, pool);
      System.out.println("\nload average: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      app.stop();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * One order through the API, then {@code orders} copies in SQL with the counter triggers off (a
   * million NOTIFYs would be the seeding's, not the product's); the counters are then filled as the
   * migration fills them for existing orders. A copy is the template's row with its own number,
   * site, status and times (json_populate_record carries every other column, so a column a
   * migration adds is copied too).
   */
  private static String seed(ResidentClient client, Pool pool, int orders) throws Exception {
    String cookie = client.signIn("oOpsBench", 1).get(0);
    String template = client.create(cookie, Benchmark.orderBody().encode()).await(30, TimeUnit.SECONDS);
    if (template == null) {
      throw new IllegalStateException("the template order was refused: " + client.failure.get());
    }
    String[] statuses = {"PAID", "READY", "HANDED_OVER", "POSTED", "IN_TRANSIT", "DELIVERED", "DELIVERED", "DELIVERED",
        "DELIVERED", "REFUNDED", "CLOSED", "PENDING_PAYMENT"};
    pool.withTransaction(tx -> tx.query("ALTER TABLE report_order DISABLE TRIGGER report_order_ops_inserted").execute()
        .compose(v -> tx.preparedQuery("""
            INSERT INTO report_order
            SELECT (json_populate_record(t, json_build_object(
              'order_no', 'B' || lpad(g::text, 9, '0'), 'idempotency_key', NULL, 'transaction_id', NULL, 'remark', '',
              'site_code', (s.codes)[1 + g % cardinality(s.codes)],
              'status', ($2::text[])[1 + g % cardinality($2::text[])],
              'created_at', a.at, 'updated_at', a.at, 'status_since', a.at, 'stage_since', a.at))).*
            FROM generate_series(1, $3) g, report_order t, (SELECT array_agg(code ORDER BY code) AS codes FROM site) s,
              LATERAL (SELECT now() - make_interval(secs => g * 2592000.0 / $3) AS at) a
            WHERE t.order_no = $1""")
            .execute(Tuple.of(template, statuses, orders)))
        .compose(v -> tx.query("ALTER TABLE report_order ENABLE TRIGGER report_order_ops_inserted").execute())
        .compose(v -> tx.query("""
            INSERT INTO ops_status_count (city_code, status, n)
              SELECT s.city_code, o.status, count(*) FROM report_order o JOIN site s ON s.code = o.site_code
              WHERE o.order_no LIKE 'B%' GROUP BY 1, 2
            ON CONFLICT (city_code, status) DO UPDATE SET n = ops_status_count.n + EXCLUDED.n""").execute())
        .compose(v -> tx.query("""
            INSERT INTO ops_flow (hour, city_code, status, entered, amount_fen)
              SELECT h, city_code, status, count(*), sum(amount_fen) FROM (
                SELECT date_trunc('hour', o.created_at) AS h, s.city_code, 'PENDING_PAYMENT' AS status, o.amount_fen
                FROM report_order o JOIN site s ON s.code = o.site_code WHERE o.order_no LIKE 'B%'
                UNION ALL
                SELECT date_trunc('hour', o.created_at + interval '1 hour'), s.city_code, o.status, o.amount_fen
                FROM report_order o JOIN site s ON s.code = o.site_code WHERE o.order_no LIKE 'B%' AND o.status <> 'PENDING_PAYMENT') x
              GROUP BY 1, 2, 3
            ON CONFLICT (hour, city_code, status) DO UPDATE SET entered = ops_flow.entered + EXCLUDED.entered,
              amount_fen = ops_flow.amount_fen + EXCLUDED.amount_fen""").execute())
        .mapEmpty()).await(30, TimeUnit.MINUTES);
    pool.query("VACUUM (ANALYZE)").execute().await(30, TimeUnit.MINUTES);
    return template;
  }

  /** About 100,000 orders (the three days before yesterday) as XLSX, read and discarded by the client. */
  private static void export(HttpClient http, String ops, Pool pool, LocalDate today, String template,
      PersonalData personal) throws Exception {
    LocalDate from = today.minusDays(4);
    LocalDate to = today.minusDays(2);
    // The copies carry the template's sealed fields, which open only in its own row: the exported
    // days' copies are sealed again for their own numbers, so the export decrypts as in production.
    List<String> window = new ArrayList<>();
    pool.preparedQuery("SELECT order_no FROM report_order WHERE order_no LIKE 'B%' AND created_at >= $1 AND created_at < $2")
        .execute(Tuple.of(from.minusDays(1).atStartOfDay(SHANGHAI).toOffsetDateTime(),
            to.plusDays(2).atStartOfDay(SHANGHAI).toOffsetDateTime()))
        .await(10, TimeUnit.MINUTES).forEach(r -> window.add(r.getString(0)));
    long sealing = System.nanoTime();
    SealedCopies.reseal(pool, personal, template, window).await(30, TimeUnit.MINUTES);
    System.out.printf("%,d exported copies sealed for their own rows in %.0f s%n", window.size(),
        (System.nanoTime() - sealing) / 1e9);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.start();
    long t0 = System.nanoTime();
    AtomicLong bytes = new AtomicLong();
    int status = http.request(new RequestOptions().setURI("/api/v1/ops/exports/orders?format=xlsx&from=" + from + "&to=" + to)
            .putHeader("Cookie", ops))
        .compose(req -> req.send().compose(resp -> {
          resp.handler(b -> bytes.addAndGet(b.length()));
          return resp.end().map(resp.statusCode());
        })).await(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    long rows = pool.preparedQuery("SELECT count(*) FROM report_order WHERE created_at >= $1 AND created_at < $2")
        .execute(Tuple.of(from.atStartOfDay(SHANGHAI).toOffsetDateTime(), to.plusDays(1).atStartOfDay(SHANGHAI).toOffsetDateTime()))
        .await(1, TimeUnit.MINUTES).iterator().next().getLong(0);
    System.out.printf("%-28s %,d orders, %d, %,d bytes in %.1f s; heap used %d MB before, peak %d MB during%n",
        "export XLSX", rows, status, bytes.get(), seconds, baseline >> 20, peak.get() >> 20);
  }

  /** 200 open board streams; 50 transitions committed one by one; latency from commit to each stream. */
  private static void subscribers(Vertx vertx, HttpClient http, String ops, Pool pool) throws Exception {
    Map<String, Long> committed = new ConcurrentHashMap<>();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch connected = new CountDownLatch(SUBSCRIBERS);
    for (int i = 0; i < SUBSCRIBERS; i++) {
      http.request(new RequestOptions().setURI("/api/v1/ops/board/stream").putHeader("Cookie", ops))
          .compose(req -> req.send()).onSuccess(resp -> {
            connected.countDown();
            resp.handler(chunk -> {
              long now = System.nanoTime();
              String text = chunk.toString();
              int at = text.indexOf("\"orderNo\":\"");
              if (at >= 0) {
                String orderNo = text.substring(at + 11, text.indexOf('"', at + 11));
                Long sent = committed.get(orderNo);
                if (sent != null) {
                  latencies.add((now - sent) / 1000);
                }
              }
            });
          });
    }
    if (!connected.await(60, TimeUnit.SECONDS)) {
      System.out.println("SSE: only " + (SUBSCRIBERS - connected.getCount()) + " subscribers connected");
    }
    List<String> paid = new ArrayList<>();
    pool.query("SELECT order_no FROM report_order WHERE status = 'PAID' LIMIT " + TRANSITIONS).execute()
        .await(1, TimeUnit.MINUTES).forEach(r -> paid.add(r.getString(0)));
    for (String orderNo : paid) {
      // The clock starts before the commit is sent: what a subscriber sees includes the commit itself.
      committed.put(orderNo, System.nanoTime());
      pool.preparedQuery("UPDATE report_order SET status = 'READY' WHERE order_no = $1").execute(Tuple.of(orderNo))
          .await(10, TimeUnit.SECONDS);
      Thread.sleep(50);
    }
    Thread.sleep(3000);
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    int expected = paid.size() * SUBSCRIBERS;
    if (sorted.length == 0) {
      System.out.println("SSE: no event arrived");
      return;
    }
    System.out.printf("%-28s %d of %d deliveries to %d subscribers; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        "transition -> SSE", sorted.length, expected, SUBSCRIBERS, sorted[sorted.length / 2] / 1000.0,
        sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1000.0,
        sorted[sorted.length - 1] / 1000.0);
  }

  /** Whether the GET answered 200, its body read but not gathered. */
  private static Future<Boolean> ok(ResidentClient client, String cookie, String uri) {
    return client.status(uri, cookie).map(status -> status == 200);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.MINUTES);
  }
}

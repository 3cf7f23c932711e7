package cn.reportpost.dev;

import cn.reportpost.App;
import cn.reportpost.staff.PasswordHasher;
import cn.reportpost.staff.StaffRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import cn.reportpost.db.Database;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's "queue" phase: the site workbench's queue of one site holding 20,000 paid
 * orders among 1,000,000 in the database, its first page and a page deep in the list, each asked
 * by 50 staff sessions at once. The rows are copies of one order placed and paid as a resident
 * does it, so every column is as the application writes it.
 */
final class QueueBenchmark {

  private static final String SITE = "TY002";
  static final int TOTAL = 1_000_000;
  private static final int AT_SITE = 20_000;
  private static final int SLICE = 100_000;
  private static final int SESSIONS = 50;
  private static final int REQUESTS = 10_000;
  private static final int WARM_UP = 20_000;
  private static final int[] PACED_RATES = {500, 1_000, 1_500, 2_000};
  private static final String[] OTHER_STATUSES = {"PAID", "READY", "HANDED_OVER", "POSTED", "IN_TRANSIT", "DELIVERED",
      "DELIVERED", "DELIVERED", "REFUNDED", "CLOSED"};

  private QueueBenchmark() {}

  static void run(App app, Vertx vertx, ResidentClient client, int total) throws Exception {
    if (total < AT_SITE) {
      throw new IllegalArgumentException("bench queue needs at least " + AT_SITE + " orders");
    }
    String template = paidOrder(app, client);
    Pool pool = app.services().pool();
    List<String> otherSites = new ArrayList<>();
    pool.query("SELECT code FROM site WHERE code <> '" + SITE + "' ORDER BY code").execute().await(10, TimeUnit.SECONDS)
        .forEach(r -> otherSites.add(r.getString(0)));
    long t0 = System.nanoTime();
    // A connection of its own, not the pool: the pool gives up on any statement after the query
    // timeout (its own deadline as well as PostgreSQL's statement_timeout), and a slice takes longer.
    SqlConnection loader = PgConnection.connect(vertx, Database.connectOptions(app.services().config()))
        .await(30, TimeUnit.SECONDS);
    for (int from = 1; from <= total; from += SLICE) {
      int first = from;
      // Each slice in a transaction of its own, without the statement timeout.
      // The board's insert trigger is off while loading, as in bench ops: a million board events and
      // NOTIFYs would be the loading's work, not the queue's (the board is not measured here).
      loader.begin().compose(tx -> loader.query("SET LOCAL statement_timeout = 0").execute()
          .compose(v -> loader.query("ALTER TABLE report_order DISABLE TRIGGER report_order_ops_inserted").execute())
          .compose(v -> loader.preparedQuery("""
              INSERT INTO report_order
              SELECT (json_populate_record(o, json_build_object(
                'order_no', 'BQ' || lpad(g::text, 8, '0'), 'idempotency_key', NULL, 'transaction_id', NULL,
                'site_code', CASE WHEN g <= $4::int THEN $5::text ELSE ($6::text[])[1 + g % cardinality($6::text[])] END,
                'status', CASE WHEN g <= $4::int THEN 'PAID' ELSE ($7::text[])[1 + g % cardinality($7::text[])] END,
                'created_at', now() - make_interval(secs => (($3::int - g) * 7 % 2592000)::double precision),
                'updated_at', now()))).*
              FROM report_order o, generate_series($2::int, $3::int) g WHERE o.order_no = $1""")
              .execute(Tuple.from(new Object[] {template, first, Math.min(total, first + SLICE - 1), AT_SITE, SITE,
                  otherSites.toArray(String[]::new), OTHER_STATUSES})))
          .compose(v -> loader.query("ALTER TABLE report_order ENABLE TRIGGER report_order_ops_inserted").execute())
          .compose(v -> tx.commit()))
          .await(30, TimeUnit.MINUTES);
    }
    // The site's copies are the rows the queue reads: each gets the template's personal fields sealed
    // for its own number (a copied sealed value does not open in another row).
    List<String> atSite = new ArrayList<>(AT_SITE);
    for (int g = 1; g <= AT_SITE; g++) {
      atSite.add(String.format("BQ%08d", g));
    }
    SealedCopies.reseal(loader, app.services().config().personalData(), template, atSite).await(30, TimeUnit.MINUTES);
    loader.query("SET statement_timeout = 0").execute()
        .compose(v -> loader.query("VACUUM (ANALYZE) report_order").execute())
        .compose(v -> loader.close())
        .await(30, TimeUnit.MINUTES);
    System.out.printf("%-28s %,d orders (%,d paid at %s) in %.0f s, then VACUUM ANALYZE%n", "queue: load",
        total, AT_SITE, SITE, (System.nanoTime() - t0) / 1e9);

    String hash = new PasswordHasher().hash(DemoData.PASSWORD);
    new StaffRepository(pool).createIfAbsent("bench-site", hash, "SITE_STAFF", SITE, List.of()).await(10, TimeUnit.SECONDS);
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      sessions.add(client.staffSignIn("bench-site", DemoData.PASSWORD));
    }
    String firstPage = "/api/v1/staff/orders?status=PAID&limit=50";
    String deep = firstPage + "&cursor=" + cursorAt(client, sessions.get(0), 15_000);

    // Warm: at 2,000 requests the JIT compilers still took a third of both cores during the measurement.
    Benchmark.await(LoadRun.run(vertx, "warm-up: queue", WARM_UP, SESSIONS,
        i -> page(client, sessions.get(i % SESSIONS), i % 2 == 0 ? firstPage : deep)));
    LoadRun.Result first = Benchmark.await(LoadRun.run(vertx, "queue: first page", REQUESTS, SESSIONS,
        i -> page(client, sessions.get(i % SESSIONS), firstPage)));
    LoadRun.Result deeper = Benchmark.await(LoadRun.run(vertx, "queue: page at 15,000", REQUESTS, SESSIONS,
        i -> page(client, sessions.get(i % SESSIONS), deep)));
    System.out.println("closed loop: 50 sessions, each asking again the moment it is answered (the most the server does)");
    for (LoadRun.Result r : List.of(first, deeper)) {
      System.out.println(r + target(r));
    }
    // Open loop: the same 50 sessions asking on a schedule, latency counted from when each page was
    // due. Staff click a page every few seconds; these rates are 10 to 40 pages a second per session.
    System.out.println("open loop: 50 sessions asking at a fixed rate in all, latency from when each page was due");
    for (String[] page : List.of(new String[] {"first page", firstPage}, new String[] {"page at 15,000", deep})) {
      for (int rate : PACED_RATES) {
        LoadRun.Result r = Benchmark.await(LoadRun.paced(vertx, "queue: " + page[0] + " @" + rate + "/s", rate * 8, rate,
            i -> page(client, sessions.get(i % SESSIONS), page[1])));
        System.out.println(r + target(r));
      }
    }
  }

  private static String target(LoadRun.Result r) {
    return r.p99Micros() <= 20_000 ? "   (p99 ≤ 20 ms: met)" : "   (p99 ≤ 20 ms: MISSED)";
  }

  /** One order placed and paid at the site through the resident flow, to copy. */
  private static String paidOrder(App app, ResidentClient client) throws Exception {
    String cookie = client.signIn("oQueue", 1).get(0);
    String orderNo = client.placePaid(app.sandbox(), cookie, client.openids.get(client.openids.size() - 1),
        Benchmark.orderBody().put("siteCode", SITE), "4300" + System.currentTimeMillis()).await(30, TimeUnit.SECONDS);
    if (orderNo == null) {
      throw new IllegalStateException("the template order was not placed and paid: " + client.failure.get());
    }
    return orderNo;
  }

  /** The cursor after the first {@code position} orders of the queue, walked 200 at a time as a client would. */
  private static String cursorAt(ResidentClient client, String session, int position) throws Exception {
    String cursor = null;
    for (int seen = 0; seen < position; seen += 200) {
      String uri = "/api/v1/staff/orders?status=PAID&limit=200" + (cursor == null ? "" : "&cursor=" + cursor);
      cursor = new JsonObject(client.get(uri, session).await(30, TimeUnit.SECONDS).body()).getString("nextCursor");
    }
    return cursor;
  }

  private static Future<Boolean> page(ResidentClient client, String session, String uri) {
    return client.status(uri, session).map(status -> status == 200);
  }
}

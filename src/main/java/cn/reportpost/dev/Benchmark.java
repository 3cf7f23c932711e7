package cn.reportpost.dev;

import cn.reportpost.App;
import cn.reportpost.config.Mode;
import cn.reportpost.sandbox.Sandbox;
import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reportpost bench}: starts dev mode on a fresh data folder and measures, with 50
 * concurrent connections from a client in the same process, order creation, prepay and payment
 * notify handling. Residents sign in through the real OAuth flow against the sandbox; notifies
 * are signed and encrypted as WeChat Pay's.
 */
public final class Benchmark {

  private static final int CONCURRENCY = 50;
  private static final int RESIDENTS = 500;

  private Benchmark() {}

  public static void run(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("ops")) {
      OpsBenchmark.run(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    // "bench chat [MESSAGES]" measures only the chatbot (a few orders exist for "查询" to find);
    // "bench queue [ORDERS]" only the site workbench's queue (it loads a million orders first;
    // fewer make a quicker run for profiling, but the target is stated at a million).
    boolean chatOnly = args.length > 0 && args[0].equals("chat");
    boolean queueOnly = args.length > 0 && args[0].equals("queue");
    int orders = chatOnly ? 2_000 : args.length > 0 && !queueOnly ? Integer.parseInt(args[0]) : 20_000;
    int messages = chatOnly && args.length > 1 ? Integer.parseInt(args[1]) : Math.max(100_000, orders);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    Path dir = Files.createTempDirectory("reportpost-bench");
    Map<String, String> env = environment(dir);
    env.put("ORDER_RATE_PER_RESIDENT", "100000000");
    env.put("ORDER_RATE_PER_IP", "100000000");
    env.put("OAUTH_START_RATE_PER_IP", "100000000");
    env.put("JOB_INTERVAL_SECONDS", "3600");
    // The chat phases post plain-mode callbacks, which an account with an EncodingAESKey refuses.
    env.put("DEV_SANDBOX_SAFE_MODE", "false");
    App app = App.start(Mode.DEV, env, null);
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(app.httpPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
      ResidentClient client = new ResidentClient(http);
      if (queueOnly) {
        System.out.printf("%nReportPost benchmark, queue phase: %d CPU(s), %s, max heap %d MB, %d concurrent staff sessions%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20, CONCURRENCY);
        QueueBenchmark.run(app, vertx, client, args.length > 1 ? Integer.parseInt(args[1]) : QueueBenchmark.TOTAL);
        return;
      }
      List<String> cookies = client.signIn("oBench", RESIDENTS);
      System.out.printf("%nReportPost benchmark: %d CPU(s), %s, max heap %d MB, %d residents, %d concurrent connections%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() >> 20, RESIDENTS, CONCURRENCY);
      System.out.println("PostgreSQL 17 and Redis embedded, on the same machine; client in the same process.\n");

      String body = orderBody().encode();
      if (chatOnly) {
        await(LoadRun.run(vertx, "orders to look up", orders, CONCURRENCY,
            i -> client.create(cookies.get(i % RESIDENTS), body).map(no -> no != null)));
      } else {
        ordersAndPayments(app, vertx, client, cookies, body, orders);
      }

      // The orders just written would otherwise be vacuumed and analysed during the chat phases,
      // by autovacuum on the same two cores: measure the steady state instead.
      app.services().pool().query("VACUUM (ANALYZE)").execute().await(5, TimeUnit.MINUTES);

      // Signed as WeChat would sign them, before the clock starts: the client's SHA-1 and string
      // building are WeChat's work, not ours, and would otherwise take CPU from the server.
      List<Sandbox.Callback> warmUp = client.chats(app.sandbox(), "帮助", 1_000_000L, messages / 4, RESIDENTS);
      await(LoadRun.run(vertx, "warm-up: chatbot", warmUp.size(), CONCURRENCY, i -> client.chat(warmUp.get(i))));
      List<Sandbox.Callback> help = client.chats(app.sandbox(), "帮助", 2_000_000L, messages, RESIDENTS);
      print(client, await(LoadRun.run(vertx, "chatbot \"帮助\" (no lookup)", messages, CONCURRENCY, i -> client.chat(help.get(i)))));
      List<Sandbox.Callback> query = client.chats(app.sandbox(), "查询", 3_000_000L, messages, RESIDENTS);
      print(client, await(LoadRun.run(vertx, "chatbot \"查询\" (dedup+PostgreSQL)", messages, CONCURRENCY,
          i -> client.chat(query.get(i)))));
      if (!chatOnly) {
        QueueBenchmark.run(app, vertx, client, QueueBenchmark.TOTAL);
      }
      System.out.println("\nload average: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      app.stop();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void ordersAndPayments(App app, Vertx vertx, ResidentClient client, List<String> cookies, String body, int orders)
      throws Exception {
    long[] imports = new long[5];
    for (int i = 0; i < imports.length; i++) {
      long t0 = System.nanoTime();
      new cn.reportpost.catalog.SiteImport(new cn.reportpost.catalog.CatalogRepository(app.services().pool()))
          .run(DemoData.demoSitesCsv()).await(30, TimeUnit.SECONDS);
      imports[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    java.util.Arrays.sort(imports);
    System.out.printf("%-28s %7d sites, median of 5 runs %d ms (fastest %d ms)%n", "import the demo site CSV", 217,
        imports[2], imports[0]);

    int warm = Math.max(5000, orders / 4);
    await(LoadRun.run(vertx, "warm-up: create order", warm, CONCURRENCY,
        i -> client.create(cookies.get(i % RESIDENTS), body).map(no -> no != null)));
    String[] created = new String[orders];
    print(client, await(LoadRun.run(vertx, "create order", orders, CONCURRENCY, i -> client.create(cookies.get(i % RESIDENTS), body)
        .map(no -> { created[i] = no; return no != null; }))));

    int payable = Math.min(orders, 5_000);
    print(client, await(LoadRun.run(vertx, "prepay (JSAPI via sandbox)", payable, CONCURRENCY,
        i -> client.prepay(cookies.get(i % RESIDENTS), created[i]))));

    List<Sandbox.Notify> prepared = new ArrayList<>();
    for (int i = 0; i < payable; i++) {
      prepared.add(app.sandbox().paymentNotify(created[i], "42" + (1_000_000_000L + i), 1500, client.openids.get(i % RESIDENTS)));
    }
    print(client, await(LoadRun.run(vertx, "payment notify (verify+PAID)", payable, CONCURRENCY, i -> client.notify(prepared.get(i)))));
  }

  private static void print(ResidentClient client, LoadRun.Result r) {
    System.out.println(r);
    String failure = client.failure.getAndSet(null);
    if (r.errors() > 0 && failure != null) {
      System.out.println("    first failure: " + failure);
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.MINUTES);
  }

  static JsonObject orderBody() {
    return new JsonObject().put("siteCode", "TY001")
        .put("patient", new JsonObject().put("name", "张三").put("idType", "ID_CARD").put("idNumber", "14010519900307123" + cn.reportpost.order.model.ChineseIdCard.checkCharacter("14010519900307123"))
            .put("phone", "13812345678"))
        .put("sampledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString())
        .put("recipient", new JsonObject().put("name", "李四").put("phone", "13912345678").put("province", "山西省")
            .put("city", "太原市").put("district", "小店区").put("address", "长风街100号2单元301"))
        .put("copies", 1)
        // The same patient and sample date for every order: each is meant, not a duplicate by mistake.
        .put("confirmDuplicate", true);
  }

  /** A dev-mode server of the benchmark's own: free ports, and its data in {@code dir}. */
  static Map<String, String> environment(Path dir) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HTTP_PORT", Integer.toString(EmbeddedServers.freePort()));
    env.put("SANDBOX_PORT", Integer.toString(EmbeddedServers.freePort()));
    env.put("DATA_DIR", dir.toString());
    return env;
  }
}

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
import java.net.ServerSocket;
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
    // "bench chat [MESSAGES]" measures only the chatbot (a few orders exist for "查询" to find).
    boolean chatOnly = args.length > 0 && args[0].equals("chat");
    int orders = chatOnly ? 2_000 : args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int messages = chatOnly && args.length > 1 ? Integer.parseInt(args[1]) : Math.max(100_000, orders);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    Path dir = Files.createTempDirectory("reportpost-bench");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HTTP_PORT", Integer.toString(freePort()));
    env.put("SANDBOX_PORT", Integer.toString(freePort()));
    env.put("DATA_DIR", dir.toString());
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
      Client client = new Client(http);
      List<String> cookies = client.signIn(app, RESIDENTS);
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
      List<Sandbox.Callback> warmUp = client.chats(app.sandbox(), "帮助", 1_000_000L, messages / 4);
      await(LoadRun.run(vertx, "warm-up: chatbot", warmUp.size(), CONCURRENCY, i -> client.chat(warmUp.get(i))));
      List<Sandbox.Callback> help = client.chats(app.sandbox(), "帮助", 2_000_000L, messages);
      print(client, await(LoadRun.run(vertx, "chatbot \"帮助\" (no lookup)", messages, CONCURRENCY, i -> client.chat(help.get(i)))));
      List<Sandbox.Callback> query = client.chats(app.sandbox(), "查询", 3_000_000L, messages);
      print(client, await(LoadRun.run(vertx, "chatbot \"查询\" (dedup+PostgreSQL)", messages, CONCURRENCY,
          i -> client.chat(query.get(i)))));
      System.out.println("\nload average: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      app.stop();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void ordersAndPayments(App app, Vertx vertx, Client client, List<String> cookies, String body, int orders)
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

  private static void print(Client client, LoadRun.Result r) {
    System.out.println(r);
    String failure = client.failure.getAndSet(null);
    if (r.errors() > 0 && failure != null) {
      System.out.println("    first failure: " + failure);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.MINUTES);
  }

  static JsonObject orderBody() {
    return new JsonObject().put("siteCode", "TY001")
        .put("patient", new JsonObject().put("name", "张三").put("idType", "ID_CARD").put("idNumber", "14010519900307123" + cn.reportpost.order.model.ChineseIdCard.checkCharacter("14010519900307123"))
            .put("phone", "13812345678"))
        .put("sampledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString())
        .put("recipient", new JsonObject().put("name", "李四").put("phone", "13912345678").put("province", "山西省")
            .put("city", "太原市").put("district", "小店区").put("address", "长风街100号2单元301"))
        .put("copies", 1);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The requests the benchmark sends. */
  private static final class Client {
    private final HttpClient http;
    final List<String> openids = new ArrayList<>();
    /** One failed answer, to say why requests failed. */
    final java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();

    Client(HttpClient http) {
      this.http = http;
    }

    List<String> signIn(App app, int count) throws Exception {
      List<String> cookies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String openid = "oBench" + String.format("%06d", i);
        var start = send(HttpMethod.GET, "/wx/oauth/start?next=/h5/orders", null, null).await(10, TimeUnit.SECONDS);
        String authorize = start.headers.get("Location").replace("#wechat_redirect", "&openid=" + openid + "#wechat_redirect");
        String callback = location(send(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(authorize.split("#")[0]), null));
        var back = send(HttpMethod.GET, callback.substring(callback.indexOf("/wx/oauth/callback")), cookie(start, "rp_oauth"), null)
            .await(10, TimeUnit.SECONDS);
        cookies.add(cookie(back, "rp_session"));
        openids.add(openid);
      }
      return cookies;
    }

    Future<String> create(String cookie, String body) {
      return send(HttpMethod.POST, "/api/v1/orders", cookie, body)
          .map(r -> r.status == 201 ? new JsonObject(r.body).getString("orderNo") : null);
    }

    Future<Boolean> prepay(String cookie, String orderNo) {
      return send(HttpMethod.POST, "/api/v1/orders/" + orderNo + "/pay", cookie, "{}").map(r -> r.status == 200);
    }

    Future<Boolean> notify(Sandbox.Notify notify) {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/wx/pay/notify")
          .putHeader("Content-Type", "application/json");
      notify.headers().forEach(e -> options.putHeader(e.getKey(), e.getValue()));
      return send(options, notify.body()).map(r -> r.status == 204);
    }

    /**
     * {@code count} plain-mode text messages from the residents in turn, with distinct MsgIds from
     * {@code firstMsgId}, signed by the sandbox as WeChat signs them.
     */
    List<Sandbox.Callback> chats(Sandbox sandbox, String text, long firstMsgId, int count) {
      List<Sandbox.Callback> chats = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        chats.add(sandbox.textCallback(openids.get(i % RESIDENTS), text, firstMsgId + i));
      }
      return chats;
    }

    /** Posts one callback; true when the product answered a text reply. */
    Future<Boolean> chat(Sandbox.Callback chat) {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(chat.uri())
          .putHeader("Content-Type", "text/xml");
      return http.request(options).compose(req -> req.send(Buffer.buffer(chat.body()))
          .compose(resp -> resp.body().map(b -> {
            boolean ok = resp.statusCode() == 200 && b.length() > 0 && b.toString().contains("<Content>");
            if (!ok) {
              failure.compareAndSet(null, "/wx/mp -> " + resp.statusCode() + " " + b);
            }
            return ok;
          })));
    }

    private record Answer(int status, MultiMap headers, String body) {}

    private Future<Answer> send(HttpMethod method, String uri, String cookie, String body) {
      RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
      if (cookie != null) {
        options.putHeader("Cookie", cookie);
      }
      if (body != null) {
        options.putHeader("Content-Type", "application/json");
      }
      return send(options, body);
    }

    private Future<Answer> send(RequestOptions options, String body) {
      return http.request(options).compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.headers(), b.toString()))))
          .onSuccess(a -> {
            if (a.status >= 400) {
              failure.compareAndSet(null, options.getURI() + " -> " + a.status + " " + a.body);
            }
          });
    }

    /** "name=value" of the cookie {@code name} the answer sets. */
    private static String cookie(Answer answer, String name) {
      return answer.headers.getAll("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
          .map(c -> c.split(";")[0]).findFirst().orElseThrow(() -> new IllegalStateException("no cookie " + name));
    }

    private static String location(Future<Answer> answer) throws Exception {
      return answer.await(10, TimeUnit.SECONDS).headers.get("Location");
    }
  }
}

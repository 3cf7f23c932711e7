package cn.reportpost.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client on another network: it speaks to the test server from a loopback address of its own
 * (Linux routes all of 127.0.0.0/8 to the loopback), so a test can reach a limit per address
 * without touching 127.0.0.1, which every other test speaks from. Requests may run concurrently.
 */
public final class OtherAddress {

  private static final AtomicInteger NEXT = new AtomicInteger(10);
  /**
   * The clients' own Vert.x, not the server's: their work must not show up as the server's event
   * loops being busy, and a client's loop may take its time (its warnings are switched off).
   */
  private static final Vertx CLIENTS = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
      .setMaxEventLoopExecuteTime(1).setMaxEventLoopExecuteTimeUnit(TimeUnit.HOURS));

  private final String address;
  private final WebClient client;

  private OtherAddress(String address) {
    this.address = address;
    TestApp app = TestApp.get();
    // WebClient reads each body in full on the client's own loop: nothing can end unread.
    this.client = WebClient.create(CLIENTS, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(app.app().httpPort()).setLocalAddress(address)
        .setConnectTimeout(10_000).setIdleTimeout(20).setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(64));
  }

  /** An address no other test of this run uses. */
  public static OtherAddress fresh() {
    int n = NEXT.getAndIncrement();
    return new OtherAddress("127.0." + n / 250 + "." + (n % 250 + 2));
  }

  public String address() {
    return address;
  }

  public TestHttp.Response get(String path, String... headers) {
    return await(send(HttpMethod.GET, path, null, null, headers));
  }

  public TestHttp.Response postJson(String path, Object body, String... headers) {
    return await(postJsonLater(path, body, headers));
  }

  /** The same, answered later: start many, then {@link #await} them. */
  public Future<TestHttp.Response> postJsonLater(String path, Object body, String... headers) {
    return send(HttpMethod.POST, path, "application/json", body instanceof String s ? s : Json.encode(body), headers);
  }

  public Future<TestHttp.Response> send(HttpMethod method, String path, String contentType, String body, String... headers) {
    HttpRequest<Buffer> request = client.request(method, path);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).map(response -> {
      String text = response.bodyAsString() == null ? "" : response.bodyAsString();
      SecretLeaks.answered(response.headers().toString(), text);
      return new TestHttp.Response(response.statusCode(), asMap(response.headers()), text);
    });
  }

  public static TestHttp.Response await(Future<TestHttp.Response> answer) {
    try {
      return answer.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<TestHttp.Response> awaitAll(List<Future<TestHttp.Response>> answers) {
    List<TestHttp.Response> all = new ArrayList<>();
    answers.forEach(a -> all.add(await(a)));
    return all;
  }

  private static Map<String, List<String>> asMap(MultiMap headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    headers.names().forEach(name -> map.put(name, headers.getAll(name)));
    return map;
  }
}

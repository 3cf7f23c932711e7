package cn.reportpost.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;

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
  private final HttpClient client;

  private OtherAddress(String address) {
    this.address = address;
    TestApp app = TestApp.get();
    this.client = CLIENTS.createHttpClient(new HttpClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(app.app().httpPort()).setLocalAddress(address),
        new PoolOptions().setHttp1MaxSize(64));
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
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(20_000);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    if (contentType != null) {
      options.putHeader("Content-Type", contentType);
    }
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(b -> {
          SecretLeaks.answered(response.headers().toString(), b.toString());
          return new TestHttp.Response(response.statusCode(), asMap(response.headers()), b.toString());
        }));
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

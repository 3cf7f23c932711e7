package cn.reportpost.testing;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain blocking HTTP client for tests: real requests against the real router. */
public final class TestHttp {

  /** A response with its body as text and helpers to read it as JSON. */
  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    /** "name=value" of the cookie {@code name} this answer sets, as a browser would send it back; null if none. */
    public String cookie(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
          .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith(name + "="))
          .map(c -> c.split(";")[0]).findFirst().orElse(null);
    }
  }

  private final String base;
  /** Whether bodies go to {@link SecretLeaks} to be checked: the product's answers, not the sandbox's. */
  private final boolean product;
  /**
   * HTTP/1.1, as the load balancer speaks to the service: the JDK 17 client's h2c upgrade hung for
   * good on answers larger than HTTP/2's first flow-control window (the sandbox's message list late
   * in a run, the news-cover PNG), its request timeout never firing.
   */
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  TestHttp(String base) {
    this(base, false);
  }

  public TestHttp(String base, boolean product) {
    this.base = base;
    this.product = product;
  }

  public String base() {
    return base;
  }

  /** A GET to a full URL (another server, such as the WeChat sandbox). */
  public static Response absolute(String url, String... headers) {
    return new TestHttp("").get(url, headers);
  }

  public Response get(String path, String... headers) {
    return send(builder(path, headers).GET());
  }

  public Response post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public Response postJson(String path, Object body, String... headers) {
    return post(path, "application/json", body instanceof String s ? s : Json.encode(body), headers);
  }

  public Response send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = builder(path, headers).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  private HttpRequest.Builder builder(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      if (product) {
        SecretLeaks.answered(r.headers().map().toString(), r.body());
      }
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package cn.reportpost.dev;

import cn.reportpost.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A resident's requests over HTTP, as a phone sends them: the OAuth sign-in through the sandbox,
 * orders, prepays, and WeChat's signed notifies and callbacks. For the benchmark and the demo orders.
 */
final class ResidentClient {
  private final HttpClient http;
  final List<String> openids = new ArrayList<>();
  /** One failed answer, to say why requests failed. */
  final java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();

  ResidentClient(HttpClient http) {
    this.http = http;
  }

  /** Signs in {@code count} residents with openids {@code prefix000000…}; answers their session cookies. */
  List<String> signIn(String prefix, int count) throws Exception {
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String openid = prefix + String.format("%06d", i);
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

  /**
   * Places {@code body} as the resident {@code openid} signed in with {@code cookie} and pays it:
   * the prepay, then WeChat Pay's signed notify for the amount the order was created with. Answers
   * the order number, or null when a step was refused ({@link #failure} says which).
   */
  Future<String> placePaid(Sandbox sandbox, String cookie, String openid, JsonObject body, String transactionId) {
    return send(HttpMethod.POST, "/api/v1/orders", cookie, body.encode()).compose(created -> {
      if (created.status != 201) {
        return Future.succeededFuture(null);
      }
      JsonObject order = new JsonObject(created.body);
      String orderNo = order.getString("orderNo");
      return prepay(cookie, orderNo).compose(prepaid -> !prepaid ? Future.succeededFuture((String) null)
          : notify(sandbox.paymentNotify(orderNo, transactionId, order.getInteger("amountFen"), openid))
              .map(paid -> paid ? orderNo : null));
    });
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
  List<Sandbox.Callback> chats(Sandbox sandbox, String text, long firstMsgId, int count, int residents) {
    List<Sandbox.Callback> chats = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      chats.add(sandbox.textCallback(openids.get(i % residents), text, firstMsgId + i));
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

  record Answer(int status, MultiMap headers, String body) {}

  /** A staff user's session cookie, signed in as the sign-in page does it. */
  String staffSignIn(String username, String password) throws Exception {
    Answer a = send(HttpMethod.POST, "/api/v1/staff/session", null,
        new JsonObject().put("username", username).put("password", password).encode()).await(30, TimeUnit.SECONDS);
    return cookie(a, "rp_staff");
  }

  /** A GET with the given cookie (a staff or a resident session). */
  Future<Answer> get(String uri, String cookie) {
    return send(HttpMethod.GET, uri, cookie, null);
  }

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

  /**
   * The status of a GET, its body read but neither gathered nor decoded (copying and decoding 30 KB
   * pages of Chinese is the client's work, done on the server's cores); a refusal is kept whole.
   */
  Future<Integer> status(String uri, String cookie) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).putHeader("Cookie", cookie);
    return http.request(options).compose(req -> req.send().compose(resp -> {
      if (resp.statusCode() >= 400) {
        return resp.body().map(b -> {
          failure.compareAndSet(null, uri + " -> " + resp.statusCode() + " " + b);
          return resp.statusCode();
        });
      }
      // Read to the end, chunk by chunk, without gathering the chunks into one buffer.
      resp.handler(chunk -> { });
      return resp.end().map(v -> resp.statusCode());
    }));
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

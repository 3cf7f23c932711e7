package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * Kuaidi100 (快递100), the tracking aggregator, as the product meets it: {@code POST /poll} takes a
 * subscription (a form of {@code schema} and {@code param}; the key checked, a second one for the
 * same number answered 501 重复订阅), and the scans the controls add are pushed to the subscription's
 * callback as Kuaidi100 pushes them: the whole trail, newest first, signed with the salt the
 * subscription carried (MD5 of param + salt, upper-case hex). Written from Kuaidi100's documentation,
 * not shared with the product's code.
 */
final class TrackingSandbox {

  /** Kuaidi100's main states and their words. */
  private static final Map<String, String> WORDS = Map.of("0", "在途", "1", "揽收", "2", "疑难", "3", "签收",
      "4", "退签", "5", "派件", "6", "退回", "7", "转投", "8", "清关", "14", "拒签");
  private static final DateTimeFormatter FTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final SandboxSettings settings;
  private final WebClient client;
  /** By waybill number: the subscription, its scans (oldest first) and every push with the answers to it. */
  private final Map<String, JsonObject> subscriptions = new ConcurrentHashMap<>();

  TrackingSandbox(Vertx vertx, SandboxSettings settings) {
    this.settings = settings;
    this.client = WebClient.create(vertx);
  }

  /** Mounted behind the faults, like WeChat's own paths. */
  void mount(Router router) {
    router.post("/poll").handler(this::poll);
  }

  private void poll(RoutingContext ctx) {
    JsonObject param;
    try {
      param = new JsonObject(String.valueOf(ctx.request().getFormAttribute("param")));
    } catch (DecodeException | ClassCastException e) {
      json(ctx, answer(false, "400", "数据不完整或格式错误"));
      return;
    }
    JsonObject parameters = param.getValue("parameters") instanceof JsonObject p ? p : new JsonObject();
    String number = param.getString("number", "");
    if (!settings.trackingKey().equals(param.getString("key"))) {
      json(ctx, answer(false, "600", "您不是合法的订阅者（即授权Key出错）"));
    } else if (!"json".equals(ctx.request().getFormAttribute("schema")) || parameters.getString("callbackurl", "").isBlank()) {
      json(ctx, answer(false, "400", "数据不完整或格式错误"));
    } else if (param.getString("company", "").isBlank() || number.isBlank() || number.length() > 32) {
      json(ctx, answer(false, "700", "订阅方的订阅数据存在错误（如不支持的快递公司、单号为空、单号超长等）"));
    } else {
      json(ctx, subscribe(number, param, parameters));
    }
  }

  private JsonObject subscribe(String number, JsonObject param, JsonObject parameters) {
    JsonObject held = subscriptions.computeIfAbsent(number, n -> new JsonObject().put("status", "new")
        .put("polls", 0).put("scans", new JsonArray()).put("pushes", new JsonArray()));
    held.put("polls", held.getInteger("polls") + 1);
    if (!held.getString("status").equals("new") && !held.getString("status").equals("abort")) {
      return answer(false, "501", "重复订阅");
    }
    held.put("status", "polling").put("company", param.getString("company")).put("number", number)
        .put("callbackurl", parameters.getString("callbackurl")).put("salt", parameters.getString("salt", ""))
        .put("resultv2", parameters.getString("resultv2", "0")).put("phone", parameters.getString("phone"));
    return answer(true, "200", "提交成功");
  }

  /**
   * A scan of the network {state, context, areaName, at?, statusCode?}, or a monitoring change
   * {status: abort|updateall, message}, pushed {@code times} times at once (what Kuaidi100 does when
   * an answer is lost). Answers each push's HTTP status and the product's answer; null when the
   * number is not subscribed.
   */
  Future<JsonObject> scan(String number, JsonObject request, int times, boolean badSignature) {
    JsonObject held = subscriptions.get(number);
    if (held == null || held.getString("status").equals("new")) {
      return null;
    }
    String state = request.getValue("state") == null ? null : request.getValue("state").toString();
    String status = request.getString("status", "3".equals(state) || "4".equals(state) ? "shutdown" : "polling");
    if (state == null && !status.equals("abort") && !status.equals("updateall")) {
      return Future.failedFuture("state (Kuaidi100's main state: " + WORDS.keySet() + ") is required");
    }
    if (state != null) {
      if (!WORDS.containsKey(state) || request.getString("context", "").isBlank()) {
        return Future.failedFuture("state must be one of " + WORDS.keySet() + ", with a context");
      }
      OffsetDateTime at = at(request.getString("at"));
      if (at == null) {
        return Future.failedFuture("at must be yyyy-MM-dd HH:mm:ss (China time) or ISO-8601 with offset");
      }
      String time = at.atZoneSameInstant(CHINA).format(FTIME);
      held.getJsonArray("scans").add(new JsonObject().put("time", time).put("ftime", time)
          .put("context", request.getString("context")).put("status", WORDS.get(state))
          .put("statusCode", request.getString("statusCode", state)).put("areaCode", "")
          .put("areaName", request.getString("areaName", "")));
      held.put("state", state);
    }
    held.put("status", status);
    String param = param(held, status, request.getString("message", status.equals("abort") ? "3天查询无记录" : ""));
    String sign = md5(param + held.getString("salt") + (badSignature ? "forged" : ""));
    JsonObject push = new JsonObject().put("param", param).put("sign", sign).put("answers", new JsonArray());
    held.getJsonArray("pushes").add(push);
    List<Future<JsonObject>> sent = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      sent.add(send(held.getString("callbackurl"), param, sign).onSuccess(a -> push.getJsonArray("answers").add(a)));
    }
    return Future.join(sent).transform(ar -> Future.succeededFuture(new JsonObject().put("pushes",
        new JsonArray(sent.stream().map(f -> f.succeeded() ? f.result()
            : new JsonObject().put("status", 0).put("error", String.valueOf(f.cause().getMessage()))).toList()))));
  }

  private Future<JsonObject> send(String url, String param, String sign) {
    return client.postAbs(url).timeout(10_000)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("param", param).add("sign", sign))
        .map(r -> {
          JsonObject answer = new JsonObject().put("status", r.statusCode());
          try {
            answer.put("answer", r.bodyAsJsonObject());
          } catch (RuntimeException e) {
            answer.put("body", r.bodyAsString());
          }
          return answer;
        });
  }

  /** A push's param as Kuaidi100 writes it; the area and state of each scan only with resultv2. */
  private static String param(JsonObject held, String status, String message) {
    JsonArray data = new JsonArray();
    boolean v2 = !"0".equals(held.getString("resultv2"));
    JsonArray scans = held.getJsonArray("scans");
    for (int i = scans.size() - 1; i >= 0; i--) {
      JsonObject scan = scans.getJsonObject(i).copy();
      if (!v2) {
        scan.remove("status");
        scan.remove("statusCode");
        scan.remove("areaCode");
        scan.remove("areaName");
      }
      data.add(scan);
    }
    String state = held.getString("state", "0");
    return new JsonObject().put("status", status).put("billstatus", "got").put("message", message)
        .put("autoCheck", "0").put("comOld", "").put("comNew", "")
        .put("lastResult", new JsonObject().put("message", "ok").put("nu", held.getString("number"))
            .put("ischeck", "3".equals(state) ? "1" : "0").put("condition", "F00").put("com", held.getString("company"))
            .put("status", "200").put("state", state).put("data", data))
        .encode();
  }

  /** What the sandbox holds for a number, without the key or the salt; null when it was never subscribed. */
  JsonObject held(String number) {
    JsonObject held = subscriptions.get(number);
    if (held == null) {
      return null;
    }
    JsonObject copy = held.copy();
    copy.remove("salt");
    return copy;
  }

  private static OffsetDateTime at(String at) {
    if (at == null || at.isBlank()) {
      return OffsetDateTime.now(CHINA).withNano(0);
    }
    try {
      return OffsetDateTime.parse(at);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(at, FTIME).atOffset(CHINA);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static JsonObject answer(boolean result, String returnCode, String message) {
    return new JsonObject().put("result", result).put("returnCode", returnCode).put("message", message);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

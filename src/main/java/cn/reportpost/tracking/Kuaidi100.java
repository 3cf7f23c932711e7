package cn.reportpost.tracking;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

/**
 * Kuaidi100's wire format, with the field names of its Java SDK (com.github.kuaidi100-api:sdk 1.0.15):
 * the subscription (SubscribeParam, SubscribeParameters), its answer (SubscribeResp) and the push
 * (SubscribePushParamResp, SubscribePushResult, SubscribePushData). Written here on Vert.x JSON
 * instead of depending on the SDK, which calls out through blocking Apache HttpClient and brings
 * Lombok, Gson and JUnit 4 at compile scope for the five records used.
 */
final class Kuaidi100 {

  /** Kuaidi100's company code for China Post EMS. */
  static final String EMS = "ems";
  /** A push's monitoring status once the parcel was signed for: tracking ends. */
  static final String SHUTDOWN = "shutdown";
  /** Kuaidi100 gave up (no record for 3 days, no change for 60, a wrong number). */
  static final String ABORT = "abort";

  private static final int MAX_SCANS = 500;
  private static final DateTimeFormatter FTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Kuaidi100 writes China time without an offset. */
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  /** A push as read, before its signature is known to be good. */
  record Push(String status, String message, String waybillNo, String state, List<CarrierScan> scans) {}

  /** The push could not be read: answered 400, nothing is stored. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message);
    }
  }

  private Kuaidi100() {}

  /**
   * The {@code param} of a subscription to EMS waybill {@code waybillNo}, with the area of each scan
   * (resultv2). Kuaidi100 wants the recipient's phone only for SF Express; EMS tracks without it, so
   * no phone number leaves the product.
   */
  static JsonObject subscription(String key, String waybillNo, String callbackUrl, String salt) {
    return new JsonObject().put("company", EMS).put("number", waybillNo).put("key", key)
        .put("parameters", new JsonObject().put("callbackurl", callbackUrl).put("salt", salt).put("resultv2", "1"));
  }

  /** Kuaidi100's answer to a subscription: "200" subscribed, "501" (重复订阅) already subscribed, anything else not. */
  static boolean subscribed(JsonObject answer) {
    String code = text(answer, "returnCode");
    return code.equals("200") || code.equals("501");
  }

  /** What we answer a push: Kuaidi100 pushes again unless result is true and returnCode 200. */
  static JsonObject answer(boolean result, String returnCode, String message) {
    return new JsonObject().put("result", result).put("returnCode", returnCode).put("message", message);
  }

  /** Upper-case hex MD5 of {@code param} followed by the salt, as Kuaidi100 signs a push. */
  static String sign(String param, String salt) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest((param + salt).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code sign} is Kuaidi100's signature of {@code param} under {@code salt} (compared in constant time). */
  static boolean signedBy(String param, String sign, String salt) {
    return sign != null && MessageDigest.isEqual(sign(param, salt).getBytes(StandardCharsets.US_ASCII),
        sign.strip().toUpperCase().getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a push's {@code param}: its monitoring status, the waybill and the whole trail, oldest first. */
  static Push parse(String param) {
    JsonObject push;
    try {
      push = new JsonObject(param);
    } catch (DecodeException | ClassCastException e) {
      throw new Malformed("param is not a JSON object");
    }
    JsonObject last = push.getValue("lastResult") instanceof JsonObject o ? o : new JsonObject();
    String waybillNo = text(last, "nu");
    if (waybillNo.isEmpty()) {
      throw new Malformed("lastResult.nu (the waybill number) is missing");
    }
    String state = text(last, "state");
    JsonArray data = last.getValue("data") instanceof JsonArray a ? a : new JsonArray();
    List<CarrierScan> scans = new ArrayList<>();
    // Newest first on the wire; a scan without a readable time cannot be put in order and is left out.
    for (int i = Math.min(data.size(), MAX_SCANS) - 1; i >= 0; i--) {
      if (data.getValue(i) instanceof JsonObject d) {
        OffsetDateTime at = time(text(d, "ftime"), text(d, "time"));
        if (at != null) {
          String context = cut(text(d, "context"), 500);
          String code = CarrierStates.code(text(d, "statusCode"), text(d, "status"), i == 0 ? state : null);
          scans.add(new CarrierScan(key(at, context), at, context, cut(text(d, "areaName"), 100), code));
        }
      }
    }
    return new Push(text(push, "status"), cut(text(push, "message"), 200), waybillNo, state, scans);
  }

  private static OffsetDateTime time(String ftime, String time) {
    for (String t : new String[] {ftime, time}) {
      try {
        return LocalDateTime.parse(t, FTIME).atOffset(CHINA);
      } catch (DateTimeParseException e) {
        // try the other field
      }
    }
    return null;
  }

  /** A scan's identity within its parcel: its time and its words (the area may be filled in later). */
  private static String key(OffsetDateTime at, String context) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((at.toInstant() + "\n" + context).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonObject o, String field) {
    Object v = o.getValue(field);
    return v == null ? "" : v.toString().strip();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

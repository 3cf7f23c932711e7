package cn.reportpost.tracking;

import cn.reportpost.order.model.OrderStatus;

import java.util.Map;
import java.util.Optional;

/**
 * What Kuaidi100's states say about an order. A scan carries a state code ({@code statusCode} with
 * resultv2, else its {@code status} in words); the finer codes of resultv2 (1002 干线, 301 本人签收,
 * 501 投柜或驿站 …) count as their main state. Main states: 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签,
 * 5 派件, 6 退回, 14 拒签; the rest (转投, customs) only go on the trail.
 */
final class CarrierStates {

  private static final Map<String, String> BY_WORDS = Map.of("在途", "0", "揽收", "1", "疑难", "2", "签收", "3",
      "退签", "4", "派件", "5", "退回", "6", "转投", "7", "清关", "8", "拒签", "14");

  /** 揽收: the post office accepted the parcel, which the order already says (POSTED). */
  private static final Map<String, OrderStatus> STAGES = Map.of(
      "0", OrderStatus.IN_TRANSIT,
      "5", OrderStatus.OUT_FOR_DELIVERY,
      "3", OrderStatus.DELIVERED,
      "14", OrderStatus.DELIVERY_FAILED,
      "4", OrderStatus.RETURNED,
      "6", OrderStatus.RETURNED);

  private static final String PROBLEM = "2";

  private CarrierStates() {}

  /** A scan's state code: its statusCode, else its status in words, else {@code otherwise}; "" when none is known. */
  static String code(String statusCode, String statusWords, String otherwise) {
    if (statusCode != null && !statusCode.isBlank()) {
      return statusCode.strip();
    }
    String byWords = statusWords == null ? null : BY_WORDS.get(statusWords.strip());
    if (byWords != null) {
      return byWords;
    }
    return otherwise == null ? "" : otherwise.strip();
  }

  /** The main state of a code: 1002 → 0, 301 → 3, 14 → 14. */
  static String main(String code) {
    if (code.length() == 4 && code.startsWith("10")) {
      return "0";
    }
    if (code.length() == 4 && code.startsWith("14")) {
      return "14";
    }
    return code.length() == 3 ? code.substring(0, 1) : code;
  }

  /** The order stage a scan with this code reports, if any. */
  static Optional<OrderStatus> stage(String code) {
    return Optional.ofNullable(STAGES.get(main(code)));
  }

  /** 疑难: the carrier reports a problem (held, no one reachable, damaged …) that operations should look at. */
  static boolean problem(String code) {
    return PROBLEM.equals(main(code));
  }
}

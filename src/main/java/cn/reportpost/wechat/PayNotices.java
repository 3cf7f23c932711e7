package cn.reportpost.wechat;

import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;

import java.time.Clock;
import java.time.Duration;

/**
 * Checks a WeChat Pay notify before anyone acts on it. WxJava verifies the signature and decrypts
 * the resource; it does not look at the serial or the timestamp, so a notify captured once could be
 * replayed forever. Here both are checked first, and the decrypted merchant id last.
 */
public final class PayNotices {

  public static final String INVALID = "INVALID_NOTIFY";
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** A verified payment notify: its event type (TRANSACTION.SUCCESS) and the decrypted transaction. */
  public record Payment(String eventType, WxPayNotifyV3Result.DecryptNotifyResult transaction) {}

  /** A verified refund notify: REFUND.SUCCESS, REFUND.ABNORMAL or REFUND.CLOSED and the refund. */
  public record Refund(String eventType, WxPayRefundNotifyV3Result.DecryptNotifyResult refund) {}

  private final WxPayService pay;
  private final String publicKeyId;
  private final String mchId;
  private final Clock clock;

  PayNotices(WxPayService pay, String publicKeyId, String mchId, Clock clock) {
    this.pay = pay;
    this.publicKeyId = publicKeyId;
    this.mchId = mchId;
    this.clock = clock;
  }

  Payment payment(NotifyHeaders headers, String body) {
    WxPayNotifyV3Result r = parse("payment", () -> pay.parseOrderNotifyV3Result(body, checked(headers, "payment")));
    requireOurs(r.getResult().getMchid(), "payment");
    return new Payment(r.getRawData().getEventType(), r.getResult());
  }

  Refund refund(NotifyHeaders headers, String body) {
    WxPayRefundNotifyV3Result r = parse("refund", () -> pay.parseRefundNotifyV3Result(body, checked(headers, "refund")));
    requireOurs(r.getResult().getMchid(), "refund");
    return new Refund(r.getRawData().getEventType(), r.getResult());
  }

  private interface Parse<T> {
    T run() throws WxPayException;
  }

  /** Bad signatures, bad ciphertext and bad JSON all mean the same to the caller: not from WeChat. */
  private static <T> T parse(String kind, Parse<T> parse) {
    try {
      return parse.run();
    } catch (WeChatException e) {
      throw e;
    } catch (WxPayException | RuntimeException e) {
      throw invalid(kind, e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
    }
  }

  /** A missing header must fail here: WxJava skips verification entirely when given no header. */
  private SignatureHeader checked(NotifyHeaders h, String kind) {
    if (blank(h.timestamp()) || blank(h.nonce()) || blank(h.serial()) || blank(h.signature())) {
      throw invalid(kind, "a Wechatpay-Timestamp/Nonce/Serial/Signature header is missing");
    }
    if (!h.serial().equals(publicKeyId)) {
      throw invalid(kind, "signed with unknown key " + h.serial());
    }
    long sent;
    try {
      sent = Long.parseLong(h.timestamp());
    } catch (NumberFormatException e) {
      throw invalid(kind, "Wechatpay-Timestamp is not a number");
    }
    long ageSeconds = Math.abs(clock.instant().getEpochSecond() - sent);
    if (ageSeconds > MAX_AGE.toSeconds()) {
      throw invalid(kind, "timestamp is " + ageSeconds + " s away from now (a replay?)");
    }
    return SignatureHeader.builder().timeStamp(h.timestamp()).nonce(h.nonce())
        .serial(h.serial()).signature(h.signature()).build();
  }

  private void requireOurs(String notifiedMchId, String kind) {
    if (!mchId.equals(notifiedMchId)) {
      throw invalid(kind, "addressed to merchant " + notifiedMchId);
    }
  }

  private static WeChatException invalid(String kind, String why) {
    return new WeChatException("pay." + kind + "Notify", INVALID, why, null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

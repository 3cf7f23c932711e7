package cn.reportpost.wechat;

import java.util.function.Function;

/** The four headers WeChat Pay signs a notify with. */
public record NotifyHeaders(String timestamp, String nonce, String serial, String signature) {

  /** Reads them from any header lookup, e.g. {@code ctx.request()::getHeader}. */
  public static NotifyHeaders from(Function<String, String> header) {
    return new NotifyHeaders(header.apply("Wechatpay-Timestamp"), header.apply("Wechatpay-Nonce"),
        header.apply("Wechatpay-Serial"), header.apply("Wechatpay-Signature"));
  }
}

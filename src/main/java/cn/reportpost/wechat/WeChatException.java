package cn.reportpost.wechat;

import cn.reportpost.api.UpstreamFailure;
import com.github.binarywang.wxpay.exception.WxPayException;
import me.chanjar.weixin.common.error.WxErrorException;

import java.util.Set;

/**
 * A WeChat call that did not succeed, with WeChat's own error code when it answered one
 * (errcode 40001, ORDER_NOT_EXIST, ...) so callers can tell "WeChat said no" from "WeChat unreachable".
 */
public final class WeChatException extends RuntimeException implements UpstreamFailure {

  /** The code used when no answer came back at all (connection refused, read timeout). */
  public static final String UNREACHABLE = "UNREACHABLE";
  /** Pay v3's and v2's "system error", the official account's -1 "system busy", and no answer at all. */
  private static final Set<String> OUTAGE_CODES = Set.of(UNREACHABLE, "SYSTEM_ERROR", "SYSTEMERROR", "-1");

  private final String api;
  private final String code;

  public WeChatException(String api, String code, String message, Throwable cause) {
    super(api + " failed: " + code + " " + message, cause);
    this.api = api;
    this.code = code;
  }

  /** Translates whatever WxJava threw into one exception type with a readable message. */
  static WeChatException of(String api, Throwable e) {
    if (e instanceof WeChatException w) {
      return w;
    }
    // WxJava reports I/O failures of official-account calls as WxErrorException -99: no answer came.
    if (e instanceof WxErrorException wx && wx.getError() != null && !(wx.getCause() instanceof java.io.IOException)) {
      return new WeChatException(api, Integer.toString(wx.getError().getErrorCode()), wx.getError().getErrorMsg(), e);
    }
    if (e instanceof WxPayException pay && pay.getErrCode() != null) {
      return new WeChatException(api, pay.getErrCode(), String.valueOf(pay.getErrCodeDes()), e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = e.getMessage() == null ? root.toString() : e.getMessage() + " (" + root + ")";
    return new WeChatException(api, UNREACHABLE, detail, e);
  }

  /**
   * Whether WeChat was out of reach or failed on its side (no answer, an HTTP 5xx, "system busy"),
   * so that the same request may well succeed a little later.
   */
  @Override
  public boolean outage() {
    return OUTAGE_CODES.contains(code);
  }

  @Override
  public String api() {
    return api;
  }

  @Override
  public String upstream() {
    return "WeChat";
  }

  @Override
  public String code() {
    return code;
  }
}

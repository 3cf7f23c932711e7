package cn.reportpost.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.vertx.core.Future;

/** The mini-program: login (code2session) and the verified phone number. */
public final class MaApi {

  /**
   * What code2session answers. The session key stays on the server: {@link #toString()} leaves it
   * out so that no log line or assertion message can carry it.
   */
  public record Session(String openid, String unionid, String sessionKey) {
    @Override
    public String toString() {
      return "Session[openid=" + openid + ", unionid=" + unionid + "]";
    }
  }

  private final WxMaService ma;
  private final WxCalls calls;

  MaApi(WxMaService ma, WxCalls calls) {
    this.ma = ma;
    this.calls = calls;
  }

  public String appId() {
    return ma.getWxMaConfig().getAppid();
  }

  /** Exchanges a wx.login code (single-use, five minutes) for the user's openid and session key. */
  public Future<Session> session(String code) {
    return calls.run("ma.jscode2session", () -> {
      var r = ma.getUserService().getSessionInfo(code);
      return new Session(r.getOpenid(), blankToNull(r.getUnionid()), r.getSessionKey());
    });
  }

  /** The verified number behind a getPhoneNumber button's code, as the user typed it at WeChat. */
  public Future<String> phoneNumber(String code) {
    return calls.run("ma.phonenumber", () -> ma.getUserService().getPhoneNumber(code).getPhoneNumber());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

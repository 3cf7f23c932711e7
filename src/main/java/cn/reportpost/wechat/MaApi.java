package cn.reportpost.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import io.vertx.core.Future;

/** The mini-program: login (code2session), the verified phone number and its codes. */
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

  /** WeChat's largest mini-program code, in pixels: about 300 dpi on a 10.6 cm poster code. */
  private static final int CODE_WIDTH = 1280;

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

  /**
   * An unlimited mini-program code (wxacode.getUnlimited) that opens {@code page} of the
   * {@code envVersion} build (release, trial or develop) with {@code scene}, as the PNG WeChat drew:
   * black on white, at WeChat's largest width so that it prints sharp at poster size. Only the
   * release build can have its page checked; a trial or develop build may hold pages the release
   * lacks, so for those WeChat is asked not to check.
   */
  public Future<byte[]> unlimitedCode(String scene, String page, String envVersion) {
    boolean checkPath = "release".equals(envVersion);
    return calls.run("ma.wxacode", () -> ma.getQrcodeService()
        .createWxaCodeUnlimitBytes(scene, page, checkPath, envVersion, CODE_WIDTH, false, null, false));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

package cn.reportpost.resident;

import io.vertx.core.Future;

/**
 * What mini-program sign-in needs of WeChat. Failures WeChat explains (a bad code, too many
 * attempts, a risky user) arrive as problem answers ready for the resident.
 */
public interface MiniAppClient {

  /** A mini-program user as code2session names them; the session key never leaves the server. */
  record Login(String openid, String unionid, String sessionKey) {
    @Override
    public String toString() {
      return "Login[openid=" + openid + ", unionid=" + unionid + "]";
    }
  }

  String appId();

  /** Exchanges a wx.login code. */
  Future<Login> login(String code);

  /** The verified phone number behind a getPhoneNumber button's code. */
  Future<String> phoneNumber(String code);
}

package cn.reportpost.wechat;

import cn.reportpost.http.ProblemException;
import cn.reportpost.resident.MiniAppClient;
import io.vertx.core.Future;

/** Mini-program sign-in over the gateway's {@link MaApi}, with WeChat's refusals made readable. */
public final class MaPort implements MiniAppClient {

  private final MaApi ma;

  public MaPort(MaApi ma) {
    this.ma = ma;
  }

  @Override
  public String appId() {
    return ma.appId();
  }

  @Override
  public Future<Login> login(String code) {
    return ma.session(code).map(s -> new Login(s.openid(), s.unionid(), s.sessionKey()))
        .recover(e -> Future.failedFuture(refusal(e, "the login code")));
  }

  @Override
  public Future<String> phoneNumber(String code) {
    return ma.phoneNumber(code).recover(e -> Future.failedFuture(refusal(e, "the phone-number code")));
  }

  /** WeChat's errcodes that are about the user's request, not about our service. */
  private static Throwable refusal(Throwable e, String what) {
    if (!(e instanceof WeChatException w)) {
      return e;
    }
    return switch (w.code()) {
      case "40029", "40163", "40013" -> ProblemException.invalid("code",
          "WeChat did not accept " + what + ": it is invalid, expired or already used; ask the mini-program for a new one");
      case "45011" -> ProblemException.tooManyRequests("WeChat refuses more attempts for now; try again in a minute", 60);
      case "40226" -> new ProblemException(403, "Forbidden",
          "WeChat flagged this account as high-risk and refused the sign-in");
      default -> e;
    };
  }
}

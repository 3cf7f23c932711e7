package cn.reportpost.resident;

import cn.reportpost.http.JsonBody;
import cn.reportpost.http.ProblemException;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Mini-program sign-in and phone number. The session opened is the resident session OAuth opens,
 * on the mini-program's channel and appid (so payment uses that appid); the session key is kept
 * encrypted for later decryption of user data and never answered or logged.
 */
public final class MiniAppRoutes {

  private final MiniAppClient miniApp;
  private final ResidentRepository residents;
  private final ResidentAuth auth;
  private final PersonalData personal;

  public MiniAppRoutes(MiniAppClient miniApp, ResidentRepository residents, ResidentAuth auth, PersonalData personal) {
    this.miniApp = miniApp;
    this.residents = residents;
    this.auth = auth;
    this.personal = personal;
  }

  public void mount(Router router) {
    router.post("/api/v1/miniapp/session").handler(this::session);
    router.post("/api/v1/miniapp/phone").handler(auth.require()).handler(ctx ->
        miniApp.phoneNumber(code(ctx)).onSuccess(phone -> ctx.json(new JsonObject().put("phoneNumber", phone)))
            .onFailure(ctx::fail));
  }

  private void session(RoutingContext ctx) {
    miniApp.login(code(ctx))
        .compose(login -> residents.idForMiniApp(login.openid(), login.unionid(), personal.encrypt(login.sessionKey()))
            .compose(id -> auth.open(new Resident(id, login.openid(), Resident.Channel.MINIAPP, miniApp.appId())))
            .map(token -> {
              ctx.response().addCookie(auth.cookie(token));
              return new JsonObject().put("openid", login.openid()).put("token", token);
            }))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static String code(RoutingContext ctx) {
    Object code = JsonBody.object(ctx).getValue("code");
    if (!(code instanceof String s) || s.isBlank() || s.length() > 128) {
      throw ProblemException.invalid("code", "must be the code the mini-program got from WeChat (1-128 characters)");
    }
    return s;
  }
}

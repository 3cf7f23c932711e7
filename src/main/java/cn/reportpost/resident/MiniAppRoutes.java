package cn.reportpost.resident;

import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.notify.SubscribeConsents;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mini-program sign-in, phone number and subscribe consents. The session opened is the resident session OAuth opens,
 * on the mini-program's channel and appid (so payment uses that appid); the session key is kept
 * encrypted for later decryption of user data and never answered or logged.
 */
public final class MiniAppRoutes {

  /** What wx.requestSubscribeMessage answers per template. */
  private static final List<String> CHOICES = List.of("accept", "reject", "ban", "filter");
  /** WeChat's codes (wx.login, getPhoneNumber) are letters and digits; nothing else is worth asking WeChat about. */
  private static final Pattern WECHAT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final MiniAppClient miniApp;
  private final ResidentRepository residents;
  private final ResidentAuth auth;
  private final PersonalData personal;
  private final SubscribeConsents consents;
  private final Set<String> templates;

  /** {@code templates}: the subscribe templates this service sends, whose consents it counts. */
  public MiniAppRoutes(MiniAppClient miniApp, ResidentRepository residents, ResidentAuth auth, PersonalData personal,
      SubscribeConsents consents, Set<String> templates) {
    this.miniApp = miniApp;
    this.residents = residents;
    this.auth = auth;
    this.personal = personal;
    this.consents = consents;
    this.templates = templates;
  }

  public void mount(Router router) {
    router.post("/api/v1/miniapp/session").handler(this::session);
    router.post("/api/v1/miniapp/phone").handler(auth.require()).handler(ctx ->
        miniApp.phoneNumber(code(ctx)).onSuccess(phone -> ctx.json(new JsonObject().put("phoneNumber", phone)))
            .onFailure(ctx::fail));
    router.post("/api/v1/miniapp/subscriptions").handler(auth.require()).handler(this::subscribed);
    router.get("/api/v1/miniapp/subscriptions").handler(auth.require()).handler(ctx ->
        consents.remaining(miniAppResident(ctx).id()).onSuccess(left -> ctx.json(answer(left))).onFailure(ctx::fail));
  }

  /**
   * What wx.requestSubscribeMessage answered, passed on as it came: {@code {"results": {templateId:
   * "accept" | "reject" | "ban" | "filter", "errMsg": ...}}}. Each "accept" is one more message the
   * resident allows for that template.
   */
  private void subscribed(RoutingContext ctx) {
    Resident resident = miniAppResident(ctx);
    Object results = JsonBody.object(ctx).getValue("results");
    if (!(results instanceof JsonObject answers)) {
      throw ProblemException.invalid("results", "must be the object wx.requestSubscribeMessage answered");
    }
    List<String> accepted = new ArrayList<>();
    for (Map.Entry<String, Object> answer : answers) {
      if (answer.getKey().equals("errMsg")) {
        continue;
      }
      String field = "results." + answer.getKey();
      if (!templates.contains(answer.getKey())) {
        throw ProblemException.invalid(field, "is not a subscribe template this service sends");
      }
      if (!(answer.getValue() instanceof String choice) || !CHOICES.contains(choice)) {
        throw ProblemException.invalid(field, "must be one of " + CHOICES);
      }
      if (choice.equals("accept")) {
        accepted.add(answer.getKey());
      }
    }
    consents.accepted(resident.id(), accepted).compose(v -> consents.remaining(resident.id()))
        .onSuccess(left -> ctx.json(answer(left))).onFailure(ctx::fail);
  }

  /** Consents are the mini-program's: a resident signed in through the official account has none to give. */
  private static Resident miniAppResident(RoutingContext ctx) {
    Resident resident = ResidentAuth.resident(ctx);
    if (resident.channel() != Resident.Channel.MINIAPP) {
      throw new ProblemException(403, "Forbidden", "subscribe consents are given in the mini-program; sign in there");
    }
    return resident;
  }

  private JsonObject answer(Map<String, Integer> left) {
    JsonObject consentsLeft = new JsonObject();
    templates.stream().sorted().forEach(t -> consentsLeft.put(t, left.getOrDefault(t, 0)));
    return new JsonObject().put("consents", consentsLeft);
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
    if (!(code instanceof String s) || !WECHAT_CODE.matcher(s).matches()) {
      throw ProblemException.invalid("code",
          "must be the code the mini-program got from WeChat: 1-128 letters, digits, - or _");
    }
    return s;
  }
}

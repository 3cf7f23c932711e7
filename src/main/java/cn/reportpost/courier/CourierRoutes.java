package cn.reportpost.courier;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.handover.HandoverService;
import cn.reportpost.http.SessionStore;
import cn.reportpost.order.PersonalColumn;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.redis.Redis;
import cn.reportpost.resident.OAuthClient;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import cn.reportpost.wechat.MpApi;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * The courier app's API: the JS-SDK signature for wx.config, revealing a recipient's phone for
 * the call button, and binding the courier's WeChat for new-work notices.
 */
final class CourierRoutes {

  /** Stages in which the courier carries the envelope and may have to call the recipient. */
  static final Set<OrderStatus> DELIVERY_STAGES = EnumSet.of(OrderStatus.HANDED_OVER, OrderStatus.POSTED,
      OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED);
  private static final long BIND_STATE_SECONDS = 600;
  private static final int MAX_URL = 1024;

  private final HandoverService scope;
  private final PersonalData personal;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final MpApi mp;
  private final OAuthClient oauth;
  private final CourierRepository couriers;
  private final Redis redis;
  private final String publicBaseUrl;

  CourierRoutes(HandoverService scope, PersonalData personal, StaffAuth auth, AuditLog audit, MpApi mp, OAuthClient oauth,
      CourierRepository couriers, Redis redis, String publicBaseUrl) {
    this.scope = scope;
    this.personal = personal;
    this.auth = auth;
    this.audit = audit;
    this.mp = mp;
    this.oauth = oauth;
    this.couriers = couriers;
    this.redis = redis;
    this.publicBaseUrl = publicBaseUrl;
  }

  void mount(Router router) {
    router.get("/api/v1/wx/jssdk-config").handler(auth.require()).handler(this::jsSdkConfig);
    router.post("/api/v1/courier/orders/:orderNo/phone").handler(auth.require("COURIER")).handler(this::revealPhone);
    router.get("/api/v1/courier/wechat").handler(auth.require("COURIER")).handler(ctx ->
        couriers.boundAt(StaffAuth.session(ctx).user().id())
            .onSuccess(at -> ctx.json(new JsonObject().put("bound", at.isPresent())
                .put("boundAt", at.map(Object::toString).orElse(null))))
            .onFailure(ctx::fail));
    router.get("/courier/wechat/bind").handler(auth.require("COURIER")).handler(this::bindStart);
    router.get("/courier/wechat/callback").handler(this::bindCallback);
  }

  private void jsSdkConfig(RoutingContext ctx) {
    String url = ctx.request().getParam("url");
    if (url == null || url.isBlank() || url.length() > MAX_URL) {
      throw ProblemException.invalid("url", "is required: the page's address, at most " + MAX_URL + " characters");
    }
    // WeChat signs the address without its fragment; only our own pages are signed.
    String page = url.strip().split("#", 2)[0];
    if (!page.startsWith(publicBaseUrl + "/")) {
      throw ProblemException.invalid("url", "must be a page of " + publicBaseUrl);
    }
    mp.jsSdkConfig(page)
        .onSuccess(c -> ctx.response().putHeader("Cache-Control", "no-store").putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("appId", c.appId()).put("timestamp", c.timestamp()).put("nonceStr", c.nonceStr())
                .put("signature", c.signature()).encode()))
        .onFailure(ctx::fail);
  }

  /** The whole phone number of an order the courier carries, each reveal in the audit log. */
  private void revealPhone(RoutingContext ctx) {
    StaffUser courier = StaffAuth.session(ctx).user();
    String orderNo = ctx.pathParam("orderNo");
    scope.scoped(courier, orderNo).compose(order -> {
      if (!DELIVERY_STAGES.contains(order.status())) {
        return Future.failedFuture(ProblemException.conflict("order " + orderNo + " is " + order.status()
            + "; the phone number is shown only while the courier carries the envelope"));
      }
      String phone = order.open(PersonalColumn.RECIPIENT_PHONE, personal);
      // The same entry as an operator's reveal; the courier's reason is the delivery itself.
      return audit.record(StaffAuth.actor(ctx), "pii.reveal", orderNo,
              "field=" + PersonalColumn.RECIPIENT_PHONE.field() + "; reason=delivery (" + order.status() + ")")
          .map(new JsonObject().put("orderNo", orderNo).put("phone", phone));
    }).onSuccess(body -> ctx.response().putHeader("Cache-Control", "no-store").putHeader("Content-Type", "application/json")
        .end(body.encode())).onFailure(ctx::fail);
  }

  private void bindStart(RoutingContext ctx) {
    StaffUser courier = StaffAuth.session(ctx).user();
    String state = SessionStore.randomToken().replaceAll("[^A-Za-z0-9]", "");
    String key = "courier:bind:" + state;
    redis.call(c -> c.set(key, String.valueOf(courier.id()), SetArgs.Builder.ex(BIND_STATE_SECONDS)))
        .map(ok -> oauth.authorizeUrl(publicBaseUrl + "/courier/wechat/callback", state))
        .onSuccess(ctx::redirect).onFailure(ctx::fail);
  }

  /**
   * WeChat's redirect back. The staff cookie is SameSite=Strict and does not come along on a
   * redirect from WeChat's domain, so the single-use state names the courier who started.
   */
  private void bindCallback(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    String state = ctx.request().getParam("state");
    if (code == null || code.isBlank() || code.length() > 128) {
      throw ProblemException.invalid("code", "WeChat did not hand back a code; start the binding again");
    }
    if (state == null || state.isBlank() || state.length() > 128) {
      throw ProblemException.invalid("state", "is missing; start the binding again");
    }
    redis.call(c -> c.getdel("courier:bind:" + state)).compose(staffId -> {
      if (staffId == null) {
        return Future.failedFuture(ProblemException.invalid("state", "is unknown or was already used; start the binding again"));
      }
      return oauth.openid(code).compose(openid -> couriers.bind(Long.parseLong(staffId), openid));
    }).onSuccess(v -> ctx.redirect("/courier/?wechat=bound")).onFailure(ctx::fail);
  }
}

package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.notify.SubscribeMessenger;
import cn.reportpost.notify.Undeliverable;
import cn.reportpost.resident.MiniAppClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Mini-program sign-in and status subscribe messages over the gateway's {@link MaApi}, with
 * WeChat's refusals made readable.
 */
public final class MaPort implements MiniAppClient, SubscribeMessenger {

  private static final String ASK_AGAIN = "ask the mini-program for a new one";

  private final MaApi ma;
  private final String templateId;
  private final String orderPage;
  private final String messageState;

  public MaPort(MaApi ma, AppConfig config) {
    this.ma = ma;
    this.templateId = config.string("wechat.ma.statusTemplateId");
    this.orderPage = config.string("wechat.ma.orderPage");
    this.messageState = config.string("wechat.ma.messageState");
  }

  /** Whether a status subscribe template is configured; without one residents get no subscribe messages. */
  public boolean sendsSubscribeMessages() {
    return !templateId.isBlank();
  }

  @Override
  public String templateId() {
    return templateId;
  }

  /** The status message, opening the order's page in the mini-program; 43101 means no consent is left. */
  @Override
  public Future<String> sendStatus(String maOpenid, JsonObject payload) {
    String page = orderPage + "?orderNo=" + payload.getString("orderNo");
    return ma.sendSubscribe(maOpenid, templateId, page, messageState, StatusFields.of(payload)).map("sent")
        .recover(e -> Future.failedFuture(e instanceof WeChatException w && "43101".equals(w.code())
            ? new Undeliverable(Undeliverable.Why.NO_CONSENT, w.getMessage()) : e));
  }

  @Override
  public String appId() {
    return ma.appId();
  }

  @Override
  public Future<Login> login(String code) {
    return ma.session(code).map(s -> new Login(s.openid(), s.unionid(), s.sessionKey()))
        .recover(e -> Future.failedFuture(Refusals.of(e, "the login code", ASK_AGAIN)));
  }

  @Override
  public Future<String> phoneNumber(String code) {
    return ma.phoneNumber(code).recover(e -> Future.failedFuture(Refusals.of(e, "the phone-number code", ASK_AGAIN)));
  }
}

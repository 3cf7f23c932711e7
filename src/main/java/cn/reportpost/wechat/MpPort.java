package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.notify.ResidentMessenger;
import cn.reportpost.notify.Undeliverable;
import cn.reportpost.resident.OAuthClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;


/** Resident sign-in and status messages over the gateway's official account ({@link MpApi}). */
public final class MpPort implements OAuthClient, ResidentMessenger {

  private final MpApi mp;
  private final String templateId;
  private final String publicBaseUrl;

  public MpPort(MpApi mp, AppConfig config) {
    this.mp = mp;
    this.templateId = config.string("wechat.mp.statusTemplateId");
    this.publicBaseUrl = config.string("http.publicBaseUrl");
  }

  @Override
  public String authorizeUrl(String redirectUri, String state) {
    return mp.authorizeUrl(redirectUri, state);
  }

  @Override
  public Future<String> openid(String code) {
    return mp.openidForCode(code)
        .recover(e -> Future.failedFuture(Refusals.of(e, "the sign-in code", "open the page again from WeChat")));
  }

  /**
   * The order-status template message. Since May 2023 WeChat shows no first/remark lines and no
   * colours, and each field is one line of at most 20 characters. 43004: the resident does not
   * follow the account, and retrying cannot change that.
   */
  @Override
  public Future<String> sendStatus(String openid, JsonObject payload) {
    String orderNo = payload.getString("orderNo");
    return mp.sendTemplate(openid, templateId, publicBaseUrl + "/h5/orders/" + orderNo, StatusFields.of(payload))
        .recover(e -> Future.failedFuture(e instanceof WeChatException w && "43004".equals(w.code())
            ? new Undeliverable(Undeliverable.Why.NOT_FOLLOWING, w.getMessage()) : e));
  }
}

package cn.reportpost.courier;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.handover.BatchOpened;
import cn.reportpost.handover.HandoverService;
import cn.reportpost.http.Module;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.redis.Redis;
import cn.reportpost.resident.OAuthClient;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.wechat.MpApi;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.Map;

/**
 * The courier app (/courier/): its pages, the JS-SDK signature, the phone reveal, the WeChat
 * binding and the new-work notices. Built in two steps because the notices must exist before the
 * handover service that calls them, and the routes need that service.
 */
public final class CourierModule implements Module {

  /** The part that the handover module needs first. */
  public static final class Notices {
    private final NewWorkNotices notices;

    public Notices(MpApi mp, AppConfig config) {
      this.notices = new NewWorkNotices(mp, config.string("wechat.mp.courierTemplateId"), config.string("http.publicBaseUrl"));
    }

    public BatchOpened onBatchOpened() {
      return notices;
    }

    public Map<String, OutboxHandler> outboxHandlers() {
      return Map.of(NewWorkNotices.KIND, notices);
    }
  }

  private final CourierRoutes routes;
  private final CourierPages pages;

  public CourierModule(AppConfig config, Pool pool, Redis redis, HandoverService handovers, PersonalData personal,
      StaffAuth auth, AuditLog audit, MpApi mp, OAuthClient oauth) {
    this.routes = new CourierRoutes(handovers, personal, auth, audit, mp, oauth, new CourierRepository(pool), redis,
        config.string("http.publicBaseUrl"));
    this.pages = new CourierPages(config.string("wechat.mp.jssdkUrl"));
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
    pages.mount(router);
  }
}

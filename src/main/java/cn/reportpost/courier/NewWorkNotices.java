package cn.reportpost.courier;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.Site;
import cn.reportpost.handover.BatchOpened;
import cn.reportpost.handover.HandoverBatch;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.outbox.SendLog;
import cn.reportpost.wechat.MpApi;
import cn.reportpost.wechat.WeChatException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the couriers of a city who bound their WeChat that a site has a new handover batch: one
 * outbox row per courier in the transaction that opens the batch, sent as a template message
 * (thing1 site, number2 envelopes, time3 created) that opens the app's pick-up list.
 */
final class NewWorkNotices implements BatchOpened, OutboxHandler {

  static final String KIND = "courier-new-work";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final MpApi mp;
  private final String templateId;
  private final String appUrl;

  /** {@code templateId}: blank sends nothing. */
  NewWorkNotices(MpApi mp, String templateId, String publicBaseUrl) {
    this.mp = mp;
    this.templateId = templateId;
    this.appUrl = publicBaseUrl + "/courier/#pickup";
  }

  @Override
  public Future<Void> opened(SqlConnection tx, HandoverBatch batch, Catalog.Snapshot catalog) {
    Optional<Site> site = catalog.site(batch.siteCode());
    if (templateId.isBlank() || site.isEmpty()) {
      return Future.succeededFuture();
    }
    return CourierRepository.boundInCity(tx, site.get().cityCode()).compose(couriers -> {
      List<OutboxRepository.StaffMessage> messages = new ArrayList<>(couriers.size());
      for (CourierRepository.Bound c : couriers) {
        JsonObject payload = new JsonObject().put("openid", c.openid()).put("courier", c.username())
            .put("handoverNo", batch.handoverNo()).put("siteName", site.get().name()).put("count", batch.orderNos().size())
            .put("createdAt", batch.createdAt().toString());
        messages.add(new OutboxRepository.StaffMessage(payload, "new-work:" + batch.handoverNo() + ":" + c.username()));
      }
      return OutboxRepository.insertForStaff(tx, KIND, messages);
    });
  }

  @Override
  public Future<Outcome> handle(OutboxMessage m, SendLog log) {
    JsonObject p = m.payload();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("thing1", shorten(p.getString("siteName"), 20));
    fields.put("number2", String.valueOf(p.getInteger("count")));
    fields.put("time3", OffsetDateTime.parse(p.getString("createdAt")).atZoneSameInstant(CHINA).format(TIME));
    log.trying("mp-template");
    return mp.sendTemplate(p.getString("openid"), templateId, appUrl, fields)
        .map(msgid -> {
          log.ok("ok msgid=" + msgid);
          return Outcome.delivered();
        })
        .recover(e -> {
          // 43004: the courier no longer follows the account; retrying cannot change that.
          if (e instanceof WeChatException w && "43004".equals(w.code())) {
            log.refused(w.getMessage());
            return Future.succeededFuture(Outcome.skipped("the courier does not follow the official account"));
          }
          return Future.failedFuture(e);
        });
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}

package cn.reportpost.handover;

import cn.reportpost.api.BodyReader;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.PersonalColumn;
import cn.reportpost.order.PersonalFields;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.print.EnvelopeLabels;
import cn.reportpost.print.HandoverSheet;
import cn.reportpost.print.HandoverSheetData;
import cn.reportpost.print.LabelData;
import cn.reportpost.print.LabelFormat;
import cn.reportpost.privacy.Masking;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The paper: envelope labels for orders, and the handover sheet both sides sign. Rendered off the event loop. */
public final class PrintRoutes {

  private static final int MAX_LABELS = 500;

  private final Vertx vertx;
  private final HandoverService handovers;
  private final Catalog catalog;
  private final PersonalData personal;
  private final StaffAuth auth;
  private final EnvelopeLabels labels;
  private final HandoverSheet sheets;

  public PrintRoutes(Vertx vertx, HandoverService handovers, Catalog catalog, PersonalData personal, StaffAuth auth,
      EnvelopeLabels labels, HandoverSheet sheets) {
    this.vertx = vertx;
    this.handovers = handovers;
    this.catalog = catalog;
    this.personal = personal;
    this.auth = auth;
    this.labels = labels;
    this.sheets = sheets;
  }

  public void mount(Router router) {
    // A POST, not a GET: a day's 500 order numbers do not fit in a query string; printing also records the label as printed.
    router.post("/api/v1/staff/labels").handler(auth.require("SITE_STAFF")).handler(RequestRules.json()).handler(this::labels);
    router.get("/api/v1/staff/handovers/:handoverNo/sheet").handler(auth.require()).handler(this::sheet);
  }

  private void labels(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    BodyReader in = new BodyReader();
    Map<String, Object> body = JsonBody.fields(ctx);
    List<String> orderNos = in.texts(body, "orderNos", "orderNos", 1, MAX_LABELS, 32);
    String rawFormat = in.optionalText(body, "format", "format", 32);
    in.check();
    LabelFormat format = format(rawFormat == null ? LabelFormat.A4_3X7.name() : rawFormat);
    List<String> unique = orderNos.stream().distinct().toList();
    catalog.snapshot().compose(snapshot -> {
      return handovers.scopedAll(user, unique).map(found -> {
        List<LabelData> data = new ArrayList<>();
        for (StoredOrder o : found) {
          if (o.personalDataErased()) {
            throw ProblemException.conflict("order " + o.orderNo() + " has no address any more: its personal data was erased");
          }
          String siteName = snapshot.site(o.siteCode()).map(s -> s.name()).orElse(o.siteCode());
          PersonalFields p = o.personal(personal, PersonalColumn.RECIPIENT);
          data.add(new LabelData(o.orderNo(), p.recipientName(), Masking.phone(p.recipientPhone()),
              p.province(), p.city(), p.district(), p.address(), siteName, o.copies()));
        }
        return data;
      });
    }).compose(data -> vertx.executeBlocking(() -> labels.render(data, format), false))
        .compose(pdf -> handovers.labelsPrinted(unique).map(pdf))
        .onSuccess(pdf -> sendPdf(ctx, pdf, "labels-" + format.name().toLowerCase() + ".pdf"))
        .onFailure(ctx::fail);
  }

  private void sheet(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String handoverNo = ctx.pathParam("handoverNo");
    handovers.batch(user, handoverNo).compose(batch -> catalog.snapshot().compose(snapshot -> {
      return handovers.inBatch(batch).map(found -> {
        List<HandoverSheetData.Line> lines = found.stream()
            .map(o -> new HandoverSheetData.Line(o.orderNo(),
                o.personalDataErased() ? "已删除" : o.open(PersonalColumn.RECIPIENT_NAME, personal), o.city(), o.copies()))
            .toList();
        String siteName = snapshot.site(batch.siteCode()).map(s -> s.name()).orElse(batch.siteCode());
        return new HandoverSheetData(batch.handoverNo(), batch.siteCode(), siteName, batch.createdAt().toInstant(), lines);
      });
    })).compose(data -> vertx.executeBlocking(() -> sheets.render(data), false))
        .onSuccess(pdf -> sendPdf(ctx, pdf, "handover-" + handoverNo + ".pdf"))
        .onFailure(ctx::fail);
  }

  private static LabelFormat format(String raw) {
    try {
      return LabelFormat.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("format", "must be one of " + Arrays.toString(LabelFormat.values()));
    }
  }

  private static void sendPdf(RoutingContext ctx, byte[] pdf, String filename) {
    ctx.response().putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "inline; filename=\"" + filename + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(pdf));
  }
}

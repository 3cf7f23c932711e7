package cn.reportpost.handover;

import cn.reportpost.api.BodyReader;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.order.PersonalColumn;
import cn.reportpost.order.PersonalDataService;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PiiCipherException;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Customer service for operations and admins: an order's masked view, a search by order number,
 * waybill, mobile or ID number (through the keyed hashes), and the reveal of one whole personal
 * field with a reason. Each reveal is one audit entry {@code pii.reveal}; each search by phone or
 * ID number one entry {@code pii.search}: who, which order, which field, why.
 */
final class OpsOrderRoutes {

  private static final String FIELDS = Arrays.stream(PersonalColumn.values()).map(PersonalColumn::field)
      .collect(Collectors.joining(", "));

  private final HandoverService handovers;
  private final PersonalDataService personalData;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final Catalog catalog;
  private final PersonalData personal;

  OpsOrderRoutes(HandoverService handovers, PersonalDataService personalData, StaffAuth auth, AuditLog audit,
      Catalog catalog) {
    this.handovers = handovers;
    this.personalData = personalData;
    this.auth = auth;
    this.audit = audit;
    this.catalog = catalog;
    this.personal = personalData.personalData();
  }

  void mount(Router router) {
    router.get("/api/v1/ops/orders/search").handler(auth.require("OPS", "ADMIN")).handler(this::search);
    router.get("/api/v1/ops/orders/:orderNo").handler(auth.require("OPS", "ADMIN")).handler(ctx -> {
      StaffUser user = StaffAuth.session(ctx).user();
      catalog.snapshot().compose(snapshot -> handovers.scoped(user, ctx.pathParam("orderNo"))
              .map(o -> StaffOrderView.of(o, snapshot, personal, user)))
          .onSuccess(ctx::json).onFailure(ctx::fail);
    });
    router.post("/api/v1/ops/orders/:orderNo/reveal").handler(auth.require("OPS", "ADMIN"))
        .handler(RequestRules.json()).handler(this::reveal);
  }

  private void search(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String q = ctx.request().getParam("q");
    if (q == null || q.isBlank() || q.length() > 64) {
      throw ProblemException.invalid("q", "give an order number, waybill number, mobile number or ID number (at most 64 characters)");
    }
    personalData.search(q).compose(result -> {
      boolean personalKey = result.kind() == PersonalDataService.SearchKind.PHONE
          || result.kind() == PersonalDataService.SearchKind.ID_NUMBER;
      String found = result.orders().stream().map(StoredOrder::orderNo).collect(Collectors.joining(","));
      Future<Void> audited = personalKey ? audit.record(StaffAuth.actor(ctx), "pii.search", found,
          "by " + (result.kind() == PersonalDataService.SearchKind.PHONE ? "phone" : "idNumber") + ", "
              + result.orders().size() + " order(s)") : Future.succeededFuture();
      return audited.compose(v -> catalog.snapshot()).map(snapshot -> new JsonObject().put("items",
          new JsonArray(result.orders().stream().map(o -> StaffOrderView.of(o, snapshot, personal, user)).toList())));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void reveal(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String orderNo = ctx.pathParam("orderNo");
    BodyReader in = new BodyReader();
    String field = in.text(JsonBody.fields(ctx), "field", "field", 1, 40);
    String reason = in.text(JsonBody.fields(ctx), "reason", "reason", 2, 200);
    PersonalColumn column = field == null ? null : PersonalColumn.byField(field);
    if (field != null && column == null) {
      in.fail("field", "must be one of " + FIELDS);
    }
    in.check();
    handovers.scoped(user, orderNo).compose(o -> {
      if (o.personalDataErased()) {
        return Future.failedFuture(new ProblemException(409, "Personal data erased",
            "该订单的个人信息已按规定删除，无法查看"));
      }
      String value;
      try {
        value = o.open(column, personal);
      } catch (PiiCipherException e) {
        return Future.failedFuture(new ProblemException(409, "Personal data unreadable",
            "该订单的个人信息无法解密（数据损坏或密钥已不在配置中），请联系技术支持"));
      }
      // Recorded before it is shown: a reveal that cannot be audited is not made.
      return audit.record(StaffAuth.actor(ctx), "pii.reveal", orderNo, "field=" + field + "; reason=" + reason)
          .map(v -> new JsonObject().put("field", field).put("value", value));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}

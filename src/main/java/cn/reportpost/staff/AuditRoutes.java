package cn.reportpost.staff;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.regex.Pattern;

/** ADMIN reads the audit trail: newest first, by action, paged by the cursor of the last entry seen. */
final class AuditRoutes {

  private static final int PAGE = 100;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private final StaffAuth auth;
  private final AuditLog audit;

  AuditRoutes(StaffAuth auth, AuditLog audit) {
    this.auth = auth;
    this.audit = audit;
  }

  void mount(Router router) {
    router.get("/api/v1/admin/audit").handler(auth.require("ADMIN")).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String action = ctx.request().getParam("action");
    if (action != null && !action.isEmpty() && !ACTION.matcher(action).matches()) {
      throw ProblemException.invalid("action", "must be an action name such as refund.offline");
    }
    Long before = cursor(ctx.request().getParam("cursor"));
    audit.page(action == null || action.isEmpty() ? null : action, before, PAGE + 1).onSuccess(rows -> {
      List<AuditLog.Entry> page = rows.subList(0, Math.min(rows.size(), PAGE));
      JsonArray items = new JsonArray();
      page.forEach(e -> items.add(new JsonObject().put("id", e.id()).put("actor", e.actor()).put("role", e.role())
          .put("action", e.action()).put("target", e.target()).put("detail", e.detail()).put("sourceIp", e.sourceIp())
          .put("at", e.at().toString())));
      ctx.json(new JsonObject().put("items", items)
          .put("nextCursor", rows.size() > PAGE ? Long.toString(page.get(page.size() - 1).id()) : null));
    }).onFailure(ctx::fail);
  }

  private static Long cursor(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("cursor", "must be a nextCursor this service gave");
    }
  }
}

package cn.reportpost.notify;

import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Operations: messages that could not be delivered, and a button to try them again. */
public final class NotificationOpsRoutes {

  private final OutboxRepository outbox;
  private final StaffAuth auth;
  private final AuditLog audit;

  public NotificationOpsRoutes(OutboxRepository outbox, StaffAuth auth, AuditLog audit) {
    this.outbox = outbox;
    this.auth = auth;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.get("/api/v1/ops/notifications/dead").handler(auth.require("OPS", "ADMIN"))
        .handler(ctx -> outbox.dead(200).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/v1/ops/notifications/:id/retry").handler(auth.require("OPS", "ADMIN")).handler(ctx -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        throw ProblemException.invalid("id", "must be a number");
      }
      outbox.retry(id).compose(found -> found
              ? audit.record(StaffAuth.actor(ctx), "notification.retry", Long.toString(id), "")
              : Future.failedFuture(ProblemException.notFound("no dead message " + id)))
          .onSuccess(v -> ctx.json(new JsonObject().put("id", id).put("status", "PENDING")))
          .onFailure(ctx::fail);
    });
  }
}

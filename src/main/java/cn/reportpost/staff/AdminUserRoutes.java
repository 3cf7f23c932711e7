package cn.reportpost.staff;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.api.FieldError;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/** ADMIN: create, disable, enable and reset staff accounts. Disabling or resetting ends the user's sessions. */
public final class AdminUserRoutes {

  private final PasswordHashPool hashing;
  private final StaffRepository users;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final Catalog catalog;

  public AdminUserRoutes(PasswordHashPool hashing, StaffRepository users, StaffAuth auth, AuditLog audit, Catalog catalog) {
    this.hashing = hashing;
    this.users = users;
    this.auth = auth;
    this.audit = audit;
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.get("/api/v1/admin/users").handler(auth.require("ADMIN"))
        .handler(ctx -> users.list().onSuccess(list -> ctx.json(new JsonArray(list))).onFailure(ctx::fail));
    router.post("/api/v1/admin/users").handler(auth.require("ADMIN")).handler(RequestRules.json()).handler(this::create);
    router.post("/api/v1/admin/users/:username/disable").handler(auth.require("ADMIN")).handler(ctx -> enable(ctx, false));
    router.post("/api/v1/admin/users/:username/enable").handler(auth.require("ADMIN")).handler(ctx -> enable(ctx, true));
    router.post("/api/v1/admin/users/:username/password").handler(auth.require("ADMIN")).handler(RequestRules.json())
        .handler(this::resetPassword);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    StaffUser admin = StaffAuth.session(ctx).user();
    catalog.snapshot().compose(snapshot -> {
      List<FieldError> errors = new ArrayList<>();
      NewStaffUser user = NewStaffUser.parse(body, snapshot.sites().keySet(), snapshot.cityCodes(), errors);
      if (user == null) {
        return Future.failedFuture(ProblemException.invalid(errors));
      }
      return hashing.hash(user.password())
          .compose(hash -> users.createIfAbsent(user.username(), hash, user.role(), user.siteCode(), user.cityCodes()))
          .compose(created -> created
              ? audit.record(StaffAuth.actor(ctx), "user.create", user.username(), user.role()).map(user)
              : Future.failedFuture(ProblemException.conflict("username " + user.username() + " is taken")));
    }).onSuccess(user -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("username", user.username()).put("role", user.role()).put("siteCode", user.siteCode())
            .put("cityCodes", new JsonArray(user.cityCodes())).encode()))
        .onFailure(ctx::fail);
  }

  private void enable(RoutingContext ctx, boolean enabled) {
    String username = ctx.pathParam("username");
    StaffUser admin = StaffAuth.session(ctx).user();
    if (!enabled && admin.username().equals(username)) {
      throw ProblemException.conflict("you cannot disable your own account");
    }
    users.setDisabled(username, !enabled).compose(found -> found
            ? (enabled ? Future.<Void>succeededFuture() : auth.sessions().closeAll(username))
                .compose(v -> audit.record(StaffAuth.actor(ctx), enabled ? "user.enable" : "user.disable", username, ""))
            : Future.failedFuture(ProblemException.notFound("no user " + username)))
        .onSuccess(v -> ctx.json(new JsonObject().put("username", username).put("disabled", !enabled)))
        .onFailure(ctx::fail);
  }

  private void resetPassword(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    StaffUser admin = StaffAuth.session(ctx).user();
    Object raw = JsonBody.object(ctx).getValue("password");
    List<FieldError> errors = new ArrayList<>();
    NewStaffUser.checkPassword(raw instanceof String s ? s : null, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    hashing.hash((String) raw)
        .compose(hash -> users.setPassword(username, hash))
        .compose(found -> found
            ? auth.sessions().closeAll(username).compose(v -> audit.record(StaffAuth.actor(ctx), "user.password", username, ""))
            : Future.failedFuture(ProblemException.notFound("no user " + username)))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}

package cn.reportpost.chat;

import cn.reportpost.api.FieldError;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.wechat.MpApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/** ADMIN: the chatbot's keyword rules and the official account's menu, changed without a release. */
public final class ChatAdminRoutes {

  private final ChatRepository repository;
  private final KeywordRules rules;
  private final MpApi mp;
  private final Conversation conversation;
  private final StaffAuth auth;
  private final AuditLog audit;

  ChatAdminRoutes(ChatRepository repository, KeywordRules rules, MpApi mp, Conversation conversation, StaffAuth auth,
      AuditLog audit) {
    this.repository = repository;
    this.rules = rules;
    this.mp = mp;
    this.conversation = conversation;
    this.auth = auth;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.get("/api/v1/admin/chat-rules").handler(auth.require("ADMIN")).handler(this::list);
    router.post("/api/v1/admin/chat-rules").handler(auth.require("ADMIN")).handler(this::add);
    router.delete("/api/v1/admin/chat-rules/:id").handler(auth.require("ADMIN")).handler(this::delete);
    router.post("/api/v1/admin/menu").handler(auth.require("ADMIN")).handler(this::publishMenu);
  }

  private void list(RoutingContext ctx) {
    repository.rules().onSuccess(all -> ctx.json(new JsonArray(all.stream().map(ChatAdminRoutes::json).toList())))
        .onFailure(ctx::fail);
  }

  private void add(RoutingContext ctx) {
    KeywordRule rule = read(JsonBody.object(ctx));
    repository.add(rule, StaffAuth.session(ctx).user().username())
        // This instance need not wait for its own NOTIFY to apply the rule to the very next message.
        .onSuccess(saved -> rules.invalidate())
        .compose(saved -> audit.record(StaffAuth.actor(ctx), "chat-rule.add", Long.toString(saved.id()),
            saved.match() + " " + saved.keyword()).map(saved))
        .onSuccess(saved -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(json(saved).encode()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("id", "must be a number");
    }
    repository.delete(id).onSuccess(deleted -> rules.invalidate()).compose(deleted -> {
      if (!deleted) {
        throw ProblemException.notFound("no chat rule " + id);
      }
      return audit.record(StaffAuth.actor(ctx), "chat-rule.delete", Long.toString(id), "");
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** The body is WeChat's own menu JSON; an empty body publishes the default menu. */
  private void publishMenu(RoutingContext ctx) {
    boolean empty = ctx.body().buffer() == null || ctx.body().buffer().toString().isBlank();
    JsonObject menu = empty ? MenuJson.defaultMenu(conversation.orderingUrl(null)) : JsonBody.object(ctx);
    if (!(menu.getValue("button") instanceof JsonArray buttons) || buttons.isEmpty()) {
      throw ProblemException.invalid("button", "must be a non-empty array of WeChat menu buttons");
    }
    mp.createMenu(menu.encode())
        .recover(e -> io.vertx.core.Future.failedFuture(new ProblemException(502, "Bad Gateway",
            "WeChat refused the menu: " + e.getMessage())))
        .compose(v -> audit.record(StaffAuth.actor(ctx), "mp.menu", "menu", menu.encode()))
        .onSuccess(v -> ctx.json(menu)).onFailure(ctx::fail);
  }

  private static KeywordRule read(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String keyword = body.getValue("keyword") instanceof String k ? k.strip() : "";
    if (keyword.isEmpty() || keyword.length() > 60) {
      errors.add(new FieldError("keyword", "must be 1 to 60 characters"));
    }
    KeywordRule.Match match = null;
    try {
      match = KeywordRule.Match.valueOf(String.valueOf(body.getValue("match", "EXACT")));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("match", "must be EXACT or CONTAINS"));
    }
    Object priority = body.getValue("priority", 0);
    if (!(priority instanceof Integer)) {
      errors.add(new FieldError("priority", "must be an integer"));
    }
    String reply = body.getValue("reply") instanceof String r ? r.strip() : "";
    if (reply.isEmpty() || reply.length() > 2000) {
      errors.add(new FieldError("reply", "must be 1 to 2000 characters"));
    }
    Object enabled = body.getValue("enabled", true);
    if (!(enabled instanceof Boolean)) {
      errors.add(new FieldError("enabled", "must be true or false"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new KeywordRule(0, keyword, match, (Integer) priority, reply, (Boolean) enabled);
  }

  private static JsonObject json(KeywordRule r) {
    return new JsonObject().put("id", r.id()).put("keyword", r.keyword()).put("match", r.match().name())
        .put("priority", r.priority()).put("reply", r.reply()).put("enabled", r.enabled());
  }
}

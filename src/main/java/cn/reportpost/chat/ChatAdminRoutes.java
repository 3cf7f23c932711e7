package cn.reportpost.chat;

import java.util.Map;
import cn.reportpost.api.BodyReader;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.wechat.MpApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


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
    KeywordRule rule = read(JsonBody.fields(ctx));
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

  private static KeywordRule read(Map<String, Object> body) {
    BodyReader in = new BodyReader();
    String keyword = in.text(body, "keyword", "keyword", 1, 60);
    KeywordRule.Match match = null;
    String matchName = in.optionalText(body, "match", "match", 10);
    try {
      match = KeywordRule.Match.valueOf(matchName == null ? "EXACT" : matchName);
    } catch (IllegalArgumentException e) {
      in.fail("match", "must be EXACT or CONTAINS");
    }
    Long priority = body.containsKey("priority") ? in.wholeNumber(body, "priority", "priority") : Long.valueOf(0);
    if (priority != null && (priority < Integer.MIN_VALUE || priority > Integer.MAX_VALUE)) {
      in.fail("priority", "must be an integer");
    }
    // A reply may run over several lines, so it is read as it is rather than as one-line text.
    String reply = body.get("reply") instanceof String r ? r.strip() : "";
    if (reply.isEmpty() || reply.length() > 2000) {
      in.fail("reply", "must be 1 to 2000 characters");
    }
    Boolean enabled = in.bool(body, "enabled", "enabled", true);
    in.check();
    return new KeywordRule(0, keyword, match, priority.intValue(), reply, enabled);
  }

  private static JsonObject json(KeywordRule r) {
    return new JsonObject().put("id", r.id()).put("keyword", r.keyword()).put("match", r.match().name())
        .put("priority", r.priority()).put("reply", r.reply()).put("enabled", r.enabled());
  }
}

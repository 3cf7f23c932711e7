package cn.reportpost.chat;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Module;
import cn.reportpost.order.Orders;
import cn.reportpost.print.CjkFont;
import cn.reportpost.print.NewsCover;
import cn.reportpost.print.Posters;
import cn.reportpost.redis.Redis;
import cn.reportpost.resident.Residents;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.wechat.MaApi;
import cn.reportpost.wechat.MpApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The official-account chatbot, its keyword rules and menu, and the site posters. */
public final class ChatModule implements Module {

  /** Lookups get 3 s, leaving WeChat's 5 s enough room for Redis, crypto and the network. */
  static final Duration ANSWER_BUDGET = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final Redis redis;
  private final MpApi mp;
  private final Catalog catalog;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final PgConnectOptions changes;
  private final ChatRepository repository;
  private final KeywordRules rules;
  private final Conversation conversation;
  private final Answerer answerer;
  private final Posters posters;
  private final PosterCodes posterCodes;
  private final Buffer newsCover;
  private final Clock clock;
  private final Duration callbackWindow;

  /** {@code changes}: where to LISTEN for keyword-rule changes made on any instance. */
  public ChatModule(Vertx vertx, Pool pool, Redis redis, AppConfig config, Catalog catalog, Orders orders,
      Residents residents, MpApi mp, Optional<MaApi> ma, CjkFont font, StaffAuth auth, AuditLog audit,
      PgConnectOptions changes, Clock clock) {
    this.clock = clock;
    this.callbackWindow = Duration.ofSeconds(config.integer("wechat.mp.callbackWindowSeconds"));
    this.vertx = vertx;
    this.redis = redis;
    this.mp = mp;
    this.catalog = catalog;
    this.auth = auth;
    this.audit = audit;
    this.changes = changes;
    String publicBaseUrl = config.string("http.publicBaseUrl");
    this.repository = new ChatRepository(pool);
    this.rules = new KeywordRules(vertx, repository);
    this.conversation = new Conversation(publicBaseUrl);
    this.answerer = new Answerer(conversation, rules, catalog, residents, orders, publicBaseUrl);
    this.posters = new Posters(font);
    this.newsCover = Buffer.buffer(NewsCover.png(font));
    this.posterCodes = new PosterCodes(mp, ma, config.string("wechat.ma.posterPage"),
        config.string("wechat.ma.posterEnvVersion"));
    // Loads the NFKC tables now rather than on an event loop with the first message.
    KeywordRule.normalise("ＲＰ");
  }

  @Override
  public void mount(Router router) {
    new MpCallbackRoutes(vertx, mp, answerer, redis, ANSWER_BUDGET, clock, callbackWindow).mount(router);
    router.get(Answerer.NEWS_COVER).handler(ctx -> ctx.response().putHeader("Content-Type", "image/png")
        .putHeader("Cache-Control", "public, max-age=86400").end(newsCover));
    new ChatAdminRoutes(repository, rules, mp, conversation, auth, audit).mount(router);
    new PosterRoutes(vertx, posterCodes, catalog, posters, auth, audit).mount(router);
  }

  /** Every instance drops its cached keyword rules the moment ADMIN changes them. */
  @Override
  public Future<Void> start() {
    return rules.listen(changes);
  }

  @Override
  public Future<Void> stop() {
    return rules.close();
  }
}

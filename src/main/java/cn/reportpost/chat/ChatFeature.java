package cn.reportpost.chat;

import cn.reportpost.Services;
import cn.reportpost.catalog.CatalogRepository;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.order.OrderRepository;
import cn.reportpost.print.CjkFont;
import cn.reportpost.print.NewsCover;
import cn.reportpost.print.Posters;
import cn.reportpost.resident.ResidentRepository;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;

import java.time.Duration;

/** The official-account chatbot and the site posters, wired once per process. */
public final class ChatFeature {

  /** Lookups get 3 s, leaving WeChat's 5 s enough room for Redis, crypto and the network. */
  static final Duration ANSWER_BUDGET = Duration.ofSeconds(3);

  private final Services services;
  private final ChatRepository repository;
  private final KeywordRules rules;
  private final Conversation conversation;
  private final Answerer answerer;
  private final Posters posters;
  private final PosterCodes posterCodes;
  private final Buffer newsCover;

  public ChatFeature(Services services, OrderRepository orders, CjkFont font) {
    this.services = services;
    String publicBaseUrl = services.config().string("http.publicBaseUrl");
    this.repository = new ChatRepository(services.pool());
    this.rules = new KeywordRules(services.vertx(), repository);
    this.conversation = new Conversation(publicBaseUrl);
    this.answerer = new Answerer(conversation, rules, services.catalog(), new ResidentRepository(services.pool()),
        orders, publicBaseUrl);
    this.posters = new Posters(font);
    this.newsCover = Buffer.buffer(NewsCover.png(font));
    this.posterCodes = new PosterCodes(services.wechat().mp(), services.wechat().ma(),
        services.config().string("wechat.ma.posterPage"), services.config().string("wechat.ma.posterEnvVersion"));
    // Loads the NFKC tables now rather than on an event loop with the first message.
    KeywordRule.normalise("ＲＰ");
  }

  /** Every instance drops its cached keyword rules the moment ADMIN changes them. */
  public Future<Void> listen(PgConnectOptions options) {
    return rules.listen(options);
  }

  public Future<Void> close() {
    return rules.close();
  }

  public void mount(Router router, StaffAuth auth, AuditLog audit) {
    new MpCallbackRoutes(services.vertx(), services.wechat().mp(), answerer, services.redis(), ANSWER_BUDGET,
        services.clock(), Duration.ofSeconds(services.config().integer("wechat.mp.callbackWindowSeconds"))).mount(router);
    router.get(Answerer.NEWS_COVER).handler(ctx -> ctx.response().putHeader("Content-Type", "image/png")
        .putHeader("Cache-Control", "public, max-age=86400").end(newsCover));
    new ChatAdminRoutes(repository, rules, services.wechat().mp(), conversation, auth, audit).mount(router);
    new PosterRoutes(services.vertx(), posterCodes, services.catalog(), new CatalogRepository(services.pool()), posters,
        auth, audit).mount(router);
  }
}

package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A stand-in for WeChat, for dev mode and tests only: the same paths, signatures and encryption
 * as the official-account API and WeChat Pay API v3, plus controls that play the resident's phone
 * (PRODUCT.md §4). One instance on one event loop; production never deploys it.
 */
public final class WeChatSandbox extends VerticleBase {

  /** How the sandbox behaves: its port, and WeChat's delays scaled for a developer's patience. */
  public record Settings(int port, long refundDelayMillis, double notifyRetryScale, long hangMillis) {}

  private final SandboxKeys keys;
  private final Settings settings;
  private HttpServer server;
  private Notifier notifier;

  public WeChatSandbox(SandboxKeys keys, Settings settings) {
    this.keys = keys;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    Faults faults = new Faults();
    PaySigning signing = new PaySigning(vertx, keys, faults, settings.hangMillis());
    notifier = new Notifier(vertx, keys, settings.notifyRetryScale());
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    new SandboxMp(keys, faults).mount(router);
    new SandboxPay(vertx, keys, signing, notifier, faults, settings.refundDelayMillis()).mount(router);
    router.post("/sandbox/faults").handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      Faults.Mode mode = body == null ? null : Faults.parse(body.getString("mode", ""));
      String api = body == null ? null : body.getString("api");
      if (mode == null || api == null) {
        ctx.response().setStatusCode(400).end("give {api, mode: http500|timeout|bad-signature, count}");
        return;
      }
      faults.arm(api, mode, body.getInteger("count", 1));
      ctx.json(body);
    });
    router.get("/sandbox/cashier").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile("sandbox/cashier.html"));
    router.get("/sandbox/cashier.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .sendFile("sandbox/cashier.js"));
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(settings.port(), "127.0.0.1");
  }

  @Override
  public Future<?> stop() {
    notifier.close();
    return server.close();
  }
}

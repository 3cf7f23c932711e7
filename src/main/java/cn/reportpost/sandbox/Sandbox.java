package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The WeChat sandbox: WeChat's official-account and mini-program APIs and WeChat Pay API v3 on their real paths,
 * with their real signatures and encryption, plus the /sandbox controls that stand in for a
 * user's phone; and Kuaidi100, the tracking aggregator, with controls that stand in for the EMS network. Dev and test mode only: it can only be started with {@link SandboxSettings},
 * which only {@link DevCredentials#generate} makes, and that refuses production mode.
 */
public final class Sandbox extends VerticleBase {

  private final SandboxSettings settings;
  /** Made here, on the starting thread: RSA key generation would block the event loop. */
  private final PrivateKey impostorKey = SandboxCrypto.rsa2048().getPrivate();
  private PayWire wire;
  private Notifier notifier;
  private MpCallback callbacks;
  private MpSandbox mp;
  private HttpServer server;

  private Sandbox(SandboxSettings settings) {
    this.settings = settings;
  }

  /** Deploys the sandbox on its own event loop and answers once it listens. */
  public static Future<Sandbox> start(Vertx vertx, SandboxSettings settings) {
    Sandbox sandbox = new Sandbox(settings);
    return vertx.deployVerticle(sandbox).map(id -> sandbox);
  }

  @Override
  public Future<?> start() {
    Clock clock = Clock.systemUTC();
    wire = new PayWire(settings, clock, impostorKey);
    notifier = new Notifier(vertx, settings, wire);
    PaySandbox pay = new PaySandbox(vertx, settings, wire, notifier);
    mp = new MpSandbox(vertx, settings);
    MaSandbox ma = new MaSandbox(settings, mp);
    MaShippingSandbox shipping = new MaShippingSandbox(settings, pay);
    Faults faults = new Faults(vertx, settings.timeoutFaultHold());

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    callbacks = new MpCallback(vertx, settings);
    new Controls(pay, mp, faults, notifier, callbacks).mount(router);
    JsSdkSandbox jssdk = new JsSdkSandbox(settings.appId());
    jssdk.mountControls(router);
    new MaControls(ma, shipping).mount(router);
    TrackingSandbox tracking = new TrackingSandbox(vertx, settings);
    new TrackingControls(tracking).mount(router);
    new WebhookSandbox().mount(router);
    router.route().handler(faults::apply);
    pay.mount(router);
    ma.mount(router);
    shipping.mount(router);
    new MaCodes(vertx).mount(router);
    mp.mount(router);
    jssdk.mount(router);
    tracking.mount(router);
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(settings.port(), "127.0.0.1");
  }

  @Override
  public Future<?> stop() {
    notifier.close();
    callbacks.close();
    return server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** How many access tokens the sandbox has issued since it started (stable or not). */
  public int tokensIssued() {
    return mp.tokensIssued();
  }

  /**
   * Wechatpay-* headers for {@code body} signed with WeChat Pay's real key but dated
   * {@code epochSecond}: what an attacker replaying an old, genuine notify would hold. Tests only.
   */
  public MultiMap signNotify(String body, long epochSecond) {
    return wire.signedAt(body, settings.payPrivateKey(), epochSecond, settings.publicKeyId());
  }

  /** A user's message as WeChat posts it in plain mode: the signed path and query, and the XML. */
  public record Callback(String uri, String body) {}

  /**
   * A text message from {@code openid}, signed as WeChat signs callbacks: for tools that post
   * them to the product themselves (the benchmark).
   */
  public Callback textCallback(String openid, String content, long msgId) {
    return callbacks.plainText(openid, content, msgId);
  }

  /** A signed, encrypted notify ready to post. */
  public record Notify(String body, MultiMap headers) {}

  /**
   * A genuine TRANSACTION.SUCCESS notify for an order paid in full, built as WeChat Pay builds it:
   * for tools that drive the product's notify endpoint directly (the benchmark).
   */
  public Notify paymentNotify(String outTradeNo, String transactionId, int totalFen, String openid) {
    JsonObject transaction = new JsonObject().put("appid", settings.appId()).put("mchid", settings.mchId())
        .put("out_trade_no", outTradeNo).put("transaction_id", transactionId).put("trade_type", "JSAPI")
        .put("trade_state", "SUCCESS").put("trade_state_desc", "支付成功").put("bank_type", "OTHERS")
        .put("success_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("payer", new JsonObject().put("openid", openid))
        .put("amount", new JsonObject().put("total", totalFen).put("payer_total", totalFen).put("currency", "CNY")
            .put("payer_currency", "CNY"));
    String body = Notifier.body(settings, "TRANSACTION.SUCCESS", "支付成功", "transaction", transaction);
    return new Notify(body, signNotify(body, System.currentTimeMillis() / 1000));
  }
}

package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.redis.Redis;
import com.github.binarywang.wxpay.service.WxPayService;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * All traffic with WeChat: the official account ({@link #mp()}), the mini-program ({@link #ma()}) and
 * WeChat Pay ({@link #pay()}).
 * WxJava blocks, so every call runs on this gateway's own bounded worker pool and comes back as a
 * Vert.x future; the access token lives in Redis and is shared by every instance.
 */
public final class WeChatGateway implements AutoCloseable {

  private final WxCalls calls;
  private final MpApi mp;
  private final PayApi pay;
  private final MaApi ma;

  private WeChatGateway(WxCalls calls, MpApi mp, PayApi pay, MaApi ma) {
    this.calls = calls;
    this.mp = mp;
    this.pay = pay;
    this.ma = ma;
  }

  /** Blocking (reads and checks the key files): call at start, not on an event loop. */
  public static WeChatGateway create(Vertx vertx, AppConfig config, Redis redis, Clock clock) throws Exception {
    int poolSize = config.integer("wechat.http.workerPoolSize");
    long maxCall = config.integer("wechat.http.connectTimeoutMillis") + (long) config.integer("wechat.http.readTimeoutMillis");
    WxPayService payService = WxClients.pay(config);
    WxCalls calls = new WxCalls(vertx, poolSize, maxCall, config.integer("wechat.http.maxWaitingCalls"),
        config.integer("wechat.http.queueTimeoutMillis"));
    PayNotices notices = new PayNotices(payService, config.string("wechat.pay.publicKeyId"),
        config.string("wechat.pay.mchId"), clock);
    String refundNotifyUrl = WxClients.notifyUrl(config, "wechat.pay.refundNotifyUrl", "/wx/pay/refund-notify");
    var maService = WxClients.ma(config, redis);
    return new WeChatGateway(calls, new MpApi(WxClients.mp(config, redis), calls),
        new PayApi(payService, calls, notices, refundNotifyUrl), maService == null ? null : new MaApi(maService, calls));
  }

  public MpApi mp() {
    return mp;
  }

  public PayApi pay() {
    return pay;
  }

  /** The mini-program, absent when this product runs without one. */
  public java.util.Optional<MaApi> ma() {
    return java.util.Optional.ofNullable(ma);
  }

  @Override
  public void close() {
    calls.close();
  }
}

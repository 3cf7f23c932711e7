package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.redis.Redis;
import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceHttpClientImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceHttpClientImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

import java.net.InetAddress;

/** Builds the WxJava services from config: hosts, timeouts, keys and the shared token store. */
final class WxClients {

  private WxClients() {}

  static WxMpService mp(AppConfig config, Redis redis) {
    LettuceWxRedisOps ops = new LettuceWxRedisOps(redis.async(), config.integer("redis.commandTimeoutMillis"));
    SharedTokenConfig storage = new SharedTokenConfig(ops, config.string("wechat.mp.tokenKeyPrefix"));
    // setAppId builds the Redis key names and locks, so it must come after the constructor.
    storage.setAppId(config.string("wechat.mp.appId"));
    storage.setSecret(config.string("wechat.mp.secret"));
    storage.setToken(config.string("wechat.mp.token"));
    storage.setAesKey(config.string("wechat.mp.aesKey"));
    storage.setHostConfig(WxMpHostConfig.builder()
        .apiHost(config.string("wechat.mp.apiHost"))
        .openHost(config.string("wechat.mp.openHost"))
        .mpHost(config.string("wechat.mp.mpHost"))
        .build());
    storage.setApacheHttpClientBuilder(new MpHttpClient(config.integer("wechat.http.connectTimeoutMillis"),
        config.integer("wechat.http.readTimeoutMillis"), config.integer("wechat.http.workerPoolSize")));
    WxMpServiceHttpClientImpl service = new SharedTokenMpService(
        2L * (config.integer("wechat.http.connectTimeoutMillis") + config.integer("wechat.http.readTimeoutMillis")));
    // WxJava retries errcode -1 with blocking sleeps of 1 s, 2 s, 4 s...; that would blow every
    // deadline the product has, so a failure surfaces at once and the caller decides.
    service.setMaxRetryTimes(0);
    service.setWxMpConfigStorage(storage);
    return service;
  }

  /**
   * The mini-program, or null when none is configured. Its access token is shared through Redis
   * like the official account's, under its own appid.
   */
  static WxMaService ma(AppConfig config, Redis redis) {
    String appId = config.string("wechat.ma.appId");
    if (appId.isBlank()) {
      return null;
    }
    LettuceWxRedisOps ops = new LettuceWxRedisOps(redis.async(), config.integer("redis.commandTimeoutMillis"));
    WxMaRedisBetterConfigImpl storage = new WxMaRedisBetterConfigImpl(ops, config.string("wechat.mp.tokenKeyPrefix"));
    storage.setAppid(appId);
    storage.setSecret(config.string("wechat.ma.secret"));
    storage.setApiHostUrl(config.string("wechat.ma.apiHost"));
    storage.setApacheHttpClientBuilder(new MpHttpClient(config.integer("wechat.http.connectTimeoutMillis"),
        config.integer("wechat.http.readTimeoutMillis"), config.integer("wechat.http.workerPoolSize")));
    WxMaServiceHttpClientImpl service = new WxMaServiceHttpClientImpl();
    // As for the official account: no blocking retry sleeps, a failure surfaces at once.
    service.setMaxRetryTimes(0);
    service.setWxMaConfig(storage);
    return service;
  }

  /** Blocking: parses the keys and builds the v3 client once, before any request can race it. */
  static WxPayService pay(AppConfig config) throws Exception {
    PayKeyFiles.Keys keys = PayKeyFiles.read(config);
    WxPayConfig c = new WxPayConfig();
    c.setAppId(config.string("wechat.mp.appId"));
    c.setMchId(config.string("wechat.pay.mchId"));
    c.setApiV3Key(config.string("wechat.pay.apiV3Key"));
    c.setCertSerialNo(config.string("wechat.pay.certSerial"));
    c.setPrivateKeyContent(keys.privateKeyPem());
    c.setPublicKeyId(config.string("wechat.pay.publicKeyId"));
    c.setPublicKeyContent(keys.publicKeyPem());
    // Public-key mode only: otherwise WxJava first downloads platform certificates from WeChat.
    c.setFullPublicKeyModel(true);
    c.setNotifyUrl(notifyUrl(config, "wechat.pay.notifyUrl", "/wx/pay/notify"));
    c.setApiHostUrl(config.string("wechat.pay.apiHost"));
    c.setHttpConnectionTimeout(config.integer("wechat.http.connectTimeoutMillis"));
    c.setHttpTimeout(config.integer("wechat.http.readTimeoutMillis"));
    boolean loopback = config.bool("wechat.pay.resolveToLoopback");
    int connections = config.integer("wechat.http.workerPoolSize");
    int connect = config.integer("wechat.http.connectTimeoutMillis");
    int read = config.integer("wechat.http.readTimeoutMillis");
    c.setApiV3HttpClientBuilderCustomizer(b -> {
      // HttpClient's default pool allows 2 connections per host: every worker would queue behind them.
      b.setMaxConnTotal(connections).setMaxConnPerRoute(connections);
      b.setDefaultRequestConfig(org.apache.http.client.config.RequestConfig.custom().setConnectTimeout(connect)
          .setConnectionRequestTimeout(connect).setSocketTimeout(read).build());
      if (loopback) {
        // Dev and test only: WxJava signs requests and checks answers only for hosts ending in
        // .mch.weixin.qq.com, so the sandbox is reached under that name, resolved to this machine.
        b.setDnsResolver(host -> host.endsWith(".mch.weixin.qq.com")
            ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host));
      }
    });
    c.initApiV3HttpClient();
    WxPayServiceImpl service = new WxPayServiceImpl();
    service.setConfig(c);
    return service;
  }

  static String notifyUrl(AppConfig config, String path, String defaultPath) {
    String url = config.string(path);
    return url.isBlank() ? config.string("http.publicBaseUrl") + defaultPath : url;
  }
}

package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import me.chanjar.weixin.common.util.http.apache.DefaultApacheHttpClientBuilder;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import org.apache.http.client.config.RequestConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * All traffic with WeChat: the WxJava services, built from config, and the one bounded pool of
 * worker threads their blocking calls run on. Every call comes back as a Vert.x Future on the
 * caller's context; no event loop ever waits for WeChat.
 */
public final class WeChatGateway implements AutoCloseable {

  private final WorkerExecutor workers;
  private final WxMpService mp;
  private final WxPayService pay;
  private final AppConfig config;

  private WeChatGateway(WorkerExecutor workers, WxMpService mp, WxPayService pay, AppConfig config) {
    this.workers = workers;
    this.mp = mp;
    this.pay = pay;
    this.config = config;
  }

  /** Blocking (reads the key files): call at start. */
  public static WeChatGateway create(Vertx vertx, AppConfig config) {
    int connect = config.integer("wechat.http.connectTimeoutMillis");
    int read = config.integer("wechat.http.readTimeoutMillis");
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("wechat", config.integer("wechat.http.workerPoolSize"),
        connect + read + 5_000L, TimeUnit.MILLISECONDS);
    return new WeChatGateway(workers, mpService(config, connect, read), payService(config, connect, read), config);
  }

  private static WxMpService mpService(AppConfig config, int connect, int read) {
    WxMpDefaultConfigImpl mc = new WxMpDefaultConfigImpl();
    mc.setAppId(config.string("wechat.mp.appId"));
    mc.setSecret(config.string("wechat.mp.secret"));
    mc.setToken(config.string("wechat.mp.token"));
    if (!config.string("wechat.mp.aesKey").isBlank()) {
      mc.setAesKey(config.string("wechat.mp.aesKey"));
    }
    // stable_token in normal mode: every instance gets the same token and none invalidates another's.
    mc.setUseStableAccessToken(true);
    mc.setHostConfig(WxMpHostConfig.builder().apiHost(config.string("wechat.mp.apiHost"))
        .openHost(config.string("wechat.mp.openHost")).mpHost(config.string("wechat.mp.mpHost")).build());
    DefaultApacheHttpClientBuilder http = DefaultApacheHttpClientBuilder.get();
    http.setConnectionTimeout(connect);
    http.setSoTimeout(read);
    http.setConnectionRequestTimeout(connect);
    mc.setApacheHttpClientBuilder(http);
    WxMpService service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(mc);
    // WxJava would retry a busy answer with Thread.sleep up to five times; fail fast instead.
    service.setMaxRetryTimes(0);
    return service;
  }

  private static WxPayService payService(AppConfig config, int connect, int read) {
    WxPayConfig pc = new WxPayConfig();
    pc.setAppId(config.string("wechat.mp.appId"));
    pc.setMchId(config.string("wechat.pay.mchId"));
    pc.setApiV3Key(config.string("wechat.pay.apiV3Key"));
    pc.setCertSerialNo(config.string("wechat.pay.certSerial"));
    pc.setPrivateKeyContent(readKey(config, "wechat.pay.privateKeyFile", "WX_PAY_PRIVATE_KEY_FILE"));
    pc.setPublicKeyContent(readKey(config, "wechat.pay.publicKeyFile", "WX_PAY_PUBLIC_KEY_FILE"));
    pc.setPublicKeyId(config.string("wechat.pay.publicKeyId"));
    pc.setFullPublicKeyModel(true);
    pc.setApiHostUrl(config.string("wechat.pay.apiHost"));
    pc.setNotifyUrl(notifyUrl(config, "wechat.pay.notifyUrl", "/wx/pay/notify"));
    pc.setHttpConnectionTimeout(connect);
    pc.setHttpTimeout(read);
    boolean loopback = config.bool("wechat.pay.resolveToLoopback");
    pc.setApiV3HttpClientBuilderCustomizer(b -> {
      b.setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
          .setConnectionRequestTimeout(connect).build());
      b.setMaxConnTotal(64).setMaxConnPerRoute(64);
      if (loopback) {
        // Dev and tests: WeChat Pay's real host name (so WxJava signs and verifies) on the sandbox's address.
        b.setDnsResolver(host -> host.endsWith(".mch.weixin.qq.com")
            ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host));
      }
    });
    WxPayService service = new WxPayServiceImpl();
    service.setConfig(pc);
    try {
      pc.initApiV3HttpClient();
    } catch (Exception e) {
      throw new InvalidSettingException("WeChat Pay settings are not usable: " + e.getMessage());
    }
    return service;
  }

  static String notifyUrl(AppConfig config, String path, String defaultPath) {
    String given = config.string(path);
    return given.isBlank() ? config.string("http.publicBaseUrl") + defaultPath : given;
  }

  private static byte[] readKey(AppConfig config, String path, String env) {
    String file = config.string(path);
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new InvalidSettingException(env + " names " + file + ", which cannot be read: " + e.getMessage());
    }
  }

  /** Runs a blocking WxJava call on the WeChat workers. */
  public <T> Future<T> call(Callable<T> blocking) {
    return workers.executeBlocking(blocking, false);
  }

  public WxMpService mp() {
    return mp;
  }

  public WxPayService pay() {
    return pay;
  }

  public AppConfig config() {
    return config;
  }

  @Override
  public void close() {
    workers.close();
  }
}

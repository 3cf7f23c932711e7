package cn.reportpost.wechat;

import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import org.apache.http.HttpHost;
import org.apache.http.client.HttpRequestRetryHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectionKeepAliveStrategy;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The official account's HTTP client with our timeouts. WxJava's default builder is a JVM-wide
 * singleton with 5 s timeouts; a builder per gateway keeps the setting where the config says.
 */
final class MpHttpClient implements ApacheHttpClientBuilder {

  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final int maxConnections;
  private String proxyHost;
  private int proxyPort;

  MpHttpClient(int connectTimeoutMillis, int readTimeoutMillis, int maxConnections) {
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
    this.maxConnections = maxConnections;
  }

  @Override
  public CloseableHttpClient build() {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(maxConnections);
    pool.setDefaultMaxPerRoute(maxConnections);
    RequestConfig timeouts = RequestConfig.custom()
        .setConnectTimeout(connectTimeoutMillis)
        .setConnectionRequestTimeout(connectTimeoutMillis)
        .setSocketTimeout(readTimeoutMillis)
        .build();
    HttpClientBuilder builder = HttpClientBuilder.create()
        .setConnectionManager(pool)
        .setDefaultRequestConfig(timeouts)
        // A retried POST could send a template message twice; the caller decides about retries.
        .disableAutomaticRetries();
    if (proxyHost != null && !proxyHost.isBlank()) {
      builder.setProxy(new HttpHost(proxyHost, proxyPort));
    }
    return builder.build();
  }

  // WxJava's initHttp() passes the config's proxy settings through these, usually nulls.
  @Override
  public ApacheHttpClientBuilder httpProxyHost(String host) {
    this.proxyHost = host;
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPort(int port) {
    this.proxyPort = port;
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyUsername(String username) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPassword(String password) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpRequestRetryHandler(HttpRequestRetryHandler handler) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder keepAliveStrategy(ConnectionKeepAliveStrategy strategy) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder sslConnectionSocketFactory(SSLConnectionSocketFactory factory) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder supportedProtocols(String[] protocols) {
    return this;
  }
}

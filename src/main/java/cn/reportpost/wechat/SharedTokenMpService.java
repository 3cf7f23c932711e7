package cn.reportpost.wechat;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.mp.api.impl.WxMpServiceHttpClientImpl;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * WxJava's official-account service with one change: after taking the token lock it looks again
 * whether another instance refreshed meanwhile. WxJava 4.7.9 checks only before waiting, so every
 * instance queued on the lock fetched a token of its own (and each fetch invalidates the last);
 * a test with two instances counted three issuances before this.
 */
final class SharedTokenMpService extends WxMpServiceHttpClientImpl {

  /** At most one token request (connect + read timeout) plus slack. */
  private final long lockWaitMillis;

  SharedTokenMpService(long lockWaitMillis) {
    this.lockWaitMillis = lockWaitMillis;
  }

  @Override
  public String getAccessToken(boolean forceRefresh) throws WxErrorException {
    WxMpConfigStorage config = getWxMpConfigStorage();
    if (!forceRefresh && !config.isAccessTokenExpired()) {
      return config.getAccessToken();
    }
    Lock lock = config.getAccessTokenLock();
    try {
      if (!lock.tryLock(lockWaitMillis, TimeUnit.MILLISECONDS)) {
        throw new WxRuntimeException("no access token: another instance held the refresh lock for " + lockWaitMillis + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WxRuntimeException(e);
    }
    try {
      if (!forceRefresh && !config.isAccessTokenExpired()) {
        return config.getAccessToken();
      }
      String response = config.isStableAccessToken() ? doGetStableAccessTokenRequest(forceRefresh) : doGetAccessTokenRequest();
      return extractAccessToken(response);
    } catch (IOException e) {
      throw new WxRuntimeException(e);
    } finally {
      lock.unlock();
    }
  }
}

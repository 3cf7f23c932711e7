package cn.reportpost.wechat;

import me.chanjar.weixin.common.enums.TicketType;
import me.chanjar.weixin.common.redis.WxRedisOps;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;

/**
 * The official account's settings with the access token kept in Redis, so every instance uses the
 * same token and only one of them (holding the Redis lock) asks WeChat for a new one.
 */
final class SharedTokenConfig extends WxMpRedisConfigImpl {

  /** WeChat's token lives 7200 s; refresh a little early so no call carries a token about to die. */
  private static final int SAFETY_SECONDS = 200;

  SharedTokenConfig(WxRedisOps redis, String keyPrefix) {
    super(redis, keyPrefix);
  }

  @Override
  public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
    super.updateAccessToken(accessToken, Math.max(expiresInSeconds - SAFETY_SECONDS, 60));
  }

  /** The jsapi_ticket lives as long as a token and is shared the same way (WxJava keys it by appid in Redis). */
  @Override
  public synchronized void updateTicket(TicketType type, String ticket, int expiresInSeconds) {
    super.updateTicket(type, ticket, Math.max(expiresInSeconds - SAFETY_SECONDS, 60));
  }
}

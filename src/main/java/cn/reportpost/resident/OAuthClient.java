package cn.reportpost.resident;

import io.vertx.core.Future;

/** What resident sign-in needs of WeChat's official-account OAuth2 (snsapi_base). */
public interface OAuthClient {

  /** WeChat's authorize URL that comes back to {@code redirectUri} with a code and {@code state}. */
  String authorizeUrl(String redirectUri, String state);

  /** Exchanges the code WeChat handed back for the resident's openid. */
  Future<String> openid(String code);
}

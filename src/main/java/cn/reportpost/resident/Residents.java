package cn.reportpost.resident;

import io.vertx.core.Future;

import java.util.Optional;

/** What other features may ask about residents. */
public interface Residents {

  /** The resident who came through the official account as {@code openid}, if they ever signed in. */
  Future<Optional<Long>> idOfMpOpenid(String openid);
}

package cn.reportpost.resident;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Every SQL statement about residents. */
public final class ResidentRepository implements Residents {

  private final Pool pool;

  public ResidentRepository(Pool pool) {
    this.pool = pool;
  }

  /** The id of the resident with this official-account openid, if they ever signed in. */
  @Override
  public Future<java.util.Optional<Long>> idOfMpOpenid(String openid) {
    return pool.preparedQuery("SELECT id FROM resident WHERE mp_openid = $1").execute(Tuple.of(openid))
        .map(rows -> rows.size() == 0 ? java.util.Optional.<Long>empty() : java.util.Optional.of(rows.iterator().next().getLong(0)));
  }

  /** The id of the resident with this official-account openid, created on first sight. */
  public Future<Long> idForMpOpenid(String openid) {
    // The no-op update makes RETURNING answer for an existing row too, in one round trip.
    return pool.preparedQuery("""
        INSERT INTO resident (mp_openid) VALUES ($1)
        ON CONFLICT (mp_openid) DO UPDATE SET mp_openid = EXCLUDED.mp_openid
        RETURNING id""")
        .execute(Tuple.of(openid)).map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * The id of the mini-program user: the resident the official account already knows by this
   * unionid, else the one with this mini-program openid, created on first sight. Stores the
   * (already encrypted) session key either way.
   */
  public Future<Long> idForMiniApp(String openid, String unionid, String encryptedSessionKey) {
    Future<Long> byUnionid = unionid == null ? Future.succeededFuture(null) : pool.preparedQuery("""
        UPDATE resident SET ma_openid = $1, ma_session_key = $3
        WHERE unionid = $2 AND (ma_openid IS NULL OR ma_openid = $1)
        RETURNING id""")
        .execute(Tuple.of(openid, unionid, encryptedSessionKey))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    return byUnionid.compose(id -> id != null ? Future.succeededFuture(id) : pool.preparedQuery("""
        INSERT INTO resident (ma_openid, unionid, ma_session_key) VALUES ($1, $2, $3)
        ON CONFLICT (ma_openid) DO UPDATE
          SET ma_session_key = EXCLUDED.ma_session_key, unionid = COALESCE(resident.unionid, EXCLUDED.unionid)
        RETURNING id""")
        .execute(Tuple.of(openid, unionid, encryptedSessionKey)).map(rows -> rows.iterator().next().getLong(0)));
  }
}

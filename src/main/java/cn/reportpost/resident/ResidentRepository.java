package cn.reportpost.resident;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** Every SQL statement about residents. */
public final class ResidentRepository {

  private final Pool pool;

  public ResidentRepository(Pool pool) {
    this.pool = pool;
  }

  /** The id of the resident with this official-account openid, if they ever signed in. */
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
}

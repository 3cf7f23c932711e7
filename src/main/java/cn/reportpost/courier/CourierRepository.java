package cn.reportpost.courier;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every SQL statement about couriers' bound WeChat accounts. */
final class CourierRepository {

  /** A courier who bound their WeChat: who, and the official-account openid messages go to. */
  record Bound(String username, String openid) {}

  private final Pool pool;

  CourierRepository(Pool pool) {
    this.pool = pool;
  }

  /** Binds {@code openid} to the courier; a WeChat bound to another courier before moves to this one. */
  Future<Void> bind(long staffUserId, String openid) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM courier_wechat WHERE mp_openid = $2 AND staff_user_id <> $1")
        .execute(Tuple.of(staffUserId, openid))
        .compose(v -> tx.preparedQuery("""
            INSERT INTO courier_wechat (staff_user_id, mp_openid) VALUES ($1, $2)
            ON CONFLICT (staff_user_id) DO UPDATE SET mp_openid = EXCLUDED.mp_openid, bound_at = now()""")
            .execute(Tuple.of(staffUserId, openid)))
        .mapEmpty());
  }

  Future<Optional<OffsetDateTime>> boundAt(long staffUserId) {
    return pool.preparedQuery("SELECT bound_at FROM courier_wechat WHERE staff_user_id = $1").execute(Tuple.of(staffUserId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getOffsetDateTime(0)));
  }

  /** Active couriers of {@code cityCode} with a bound WeChat. */
  static Future<List<Bound>> boundInCity(SqlClient client, String cityCode) {
    return client.preparedQuery("""
            SELECT u.username, w.mp_openid FROM courier_wechat w JOIN staff_user u ON u.id = w.staff_user_id
            WHERE u.role = 'COURIER' AND NOT u.disabled AND $1::bpchar = ANY(u.city_codes)
            ORDER BY u.username""")
        .execute(Tuple.of(cityCode))
        .map(rows -> {
          List<Bound> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Bound(r.getString(0), r.getString(1))));
          return list;
        });
  }
}

package cn.reportpost.staff;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/** Every SQL statement about staff accounts. */
public final class StaffRepository {

  private final Pool pool;

  public StaffRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM staff_user").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Creates the account unless the username is taken; answers whether it was created. */
  public Future<Boolean> createIfAbsent(String username, String passwordHash, String role, String siteCode,
      List<String> cityCodes) {
    return pool.preparedQuery("""
        INSERT INTO staff_user (username, password_hash, role, site_code, city_codes)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING""")
        .execute(Tuple.of(username, passwordHash, role, siteCode, cityCodes.toArray(String[]::new)))
        .map(rows -> rows.rowCount() == 1);
  }
}

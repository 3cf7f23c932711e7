package cn.reportpost.staff;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every SQL statement about staff accounts. */
public final class StaffRepository {

  /** An enabled account and its password hash, for login only. */
  public record Credentials(StaffUser user, String passwordHash) {}

  private final Pool pool;

  public StaffRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM staff_user").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Optional<Credentials>> credentials(String username) {
    return pool.preparedQuery("""
        SELECT id, username, password_hash, role, site_code, city_codes
        FROM staff_user WHERE username = $1 AND NOT disabled""")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.<Credentials>empty()
            : Optional.of(new Credentials(toUser(rows.iterator().next()), rows.iterator().next().getString("password_hash"))));
  }

  public Future<java.util.List<io.vertx.core.json.JsonObject>> list() {
    return pool.query("SELECT username, role, site_code, city_codes, disabled, created_at FROM staff_user ORDER BY username")
        .execute().map(rows -> {
          java.util.List<io.vertx.core.json.JsonObject> users = new java.util.ArrayList<>();
          rows.forEach(r -> {
            StaffUser u = toUser(r.getString("username"), r);
            users.add(StaffRoutes.describe(u).put("disabled", r.getBoolean("disabled"))
                .put("createdAt", r.getOffsetDateTime("created_at").toString()));
          });
          return users;
        });
  }

  /** Disables or enables the account; false when there is no such user. */
  public Future<Boolean> setDisabled(String username, boolean disabled) {
    return pool.preparedQuery("UPDATE staff_user SET disabled = $2 WHERE username = $1")
        .execute(Tuple.of(username, disabled)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> setPassword(String username, String passwordHash) {
    return pool.preparedQuery("UPDATE staff_user SET password_hash = $2 WHERE username = $1")
        .execute(Tuple.of(username, passwordHash)).map(rows -> rows.rowCount() == 1);
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

  private static StaffUser toUser(Row r) {
    return new StaffUser(r.getLong("id"), r.getString("username"), r.getString("role"), r.getString("site_code"), cities(r));
  }

  private static StaffUser toUser(String username, Row r) {
    return new StaffUser(0, username, r.getString("role"), r.getString("site_code"), cities(r));
  }

  private static List<String> cities(Row r) {
    String[] cities = r.getArrayOfStrings("city_codes");
    return cities == null ? List.of() : Arrays.stream(cities).map(String::trim).toList();
  }
}

package cn.reportpost.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mini-program subscribe consents per resident and template: one accepted prompt, one message.
 * WeChat keeps the authoritative count; this one saves a call that cannot succeed, and is reset to
 * zero whenever WeChat answers 43101.
 */
public final class SubscribeConsents {

  private final Pool pool;

  public SubscribeConsents(Pool pool) {
    this.pool = pool;
  }

  /** The resident accepted a prompt for each of these templates once more. */
  public Future<Void> accepted(long residentId, Collection<String> templateIds) {
    if (templateIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
            INSERT INTO subscribe_consent (resident_id, template_id, remaining) VALUES ($1, $2, 1)
            ON CONFLICT (resident_id, template_id)
            DO UPDATE SET remaining = subscribe_consent.remaining + 1, updated_at = now()""")
        .executeBatch(templateIds.stream().map(t -> Tuple.of(residentId, t)).toList()).mapEmpty();
  }

  /** Consents left, by template; templates never consented to are absent. */
  public Future<Map<String, Integer>> remaining(long residentId) {
    return pool.preparedQuery("SELECT template_id, remaining FROM subscribe_consent WHERE resident_id = $1 ORDER BY template_id")
        .execute(Tuple.of(residentId)).map(rows -> {
          Map<String, Integer> left = new LinkedHashMap<>();
          for (Row r : rows) {
            left.put(r.getString("template_id"), r.getInteger("remaining"));
          }
          return left;
        });
  }

  /** Takes one consent; false when none is left. Atomic, so two workers never spend the same one. */
  Future<Boolean> spend(long residentId, String templateId) {
    return pool.preparedQuery("""
            UPDATE subscribe_consent SET remaining = remaining - 1, updated_at = now()
            WHERE resident_id = $1 AND template_id = $2 AND remaining > 0""")
        .execute(Tuple.of(residentId, templateId)).map(rows -> rows.rowCount() == 1);
  }

  /** Returns a consent taken for a send that WeChat did not carry out. */
  Future<Void> giveBack(long residentId, String templateId) {
    return pool.preparedQuery("""
            UPDATE subscribe_consent SET remaining = remaining + 1, updated_at = now()
            WHERE resident_id = $1 AND template_id = $2""")
        .execute(Tuple.of(residentId, templateId)).mapEmpty();
  }

  /** WeChat says none is left (43101): believe it. */
  Future<Void> exhausted(long residentId, String templateId) {
    return pool.preparedQuery("""
            UPDATE subscribe_consent SET remaining = 0, updated_at = now()
            WHERE resident_id = $1 AND template_id = $2""")
        .execute(Tuple.of(residentId, templateId)).mapEmpty();
  }
}

package cn.reportpost.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The audit trail of staff actions: who, what, on what, when, from which address. */
public final class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private static final String INSERT =
      "INSERT INTO audit_log (actor, role, action, target, detail, source_ip) VALUES ($1, $2, $3, $4, $5, $6)";

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** One audit entry as the console shows it. */
  public record Entry(long id, String actor, String role, String action, String target, String detail, String sourceIp,
      OffsetDateTime at) {}

  /** Entries newest first, of one action (any when null), before the entry {@code beforeId} (the first page when null). */
  public Future<List<Entry>> page(String action, Long beforeId, int limit) {
    return pool.preparedQuery("""
            SELECT id, actor, role, action, target, detail, source_ip, at FROM audit_log
            WHERE ($1::text IS NULL OR action = $1) AND ($2::bigint IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3""")
        .execute(Tuple.of(action, beforeId, limit)).map(rows -> {
          List<Entry> entries = new ArrayList<>();
          rows.forEach(r -> entries.add(new Entry(r.getLong("id"), r.getString("actor"), r.getString("role"),
              r.getString("action"), r.getString("target"), r.getString("detail"), r.getString("source_ip"),
              r.getOffsetDateTime("at"))));
          return entries;
        });
  }

  /**
   * One entry per target, written in the caller's transaction (one round trip): they exist exactly
   * when what they record commits, so an erasure can never be without its entry.
   */
  public static Future<Void> record(SqlConnection tx, Actor actor, String action, List<String> targets, String detail) {
    if (targets.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(targets.size());
    for (String target : targets) {
      rows.add(Tuple.of(actor.id(), actor.role(), action, target, detail == null ? "" : detail, actor.address()));
    }
    return tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  public Future<Void> record(Actor actor, String action, String target, String detail) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(actor.id(), actor.role(), action, target, detail == null ? "" : detail, actor.address()))
        .onFailure(e -> log.error("audit entry lost: {} {} {} {}", actor.id(), action, target, detail, e))
        .mapEmpty();
  }
}

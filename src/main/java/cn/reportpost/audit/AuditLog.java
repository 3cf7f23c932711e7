package cn.reportpost.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail of staff actions: who, what, on what, when, from which address. */
public final class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> record(Actor actor, String action, String target, String detail) {
    return pool.preparedQuery("INSERT INTO audit_log (actor, role, action, target, detail, source_ip) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(actor.id(), actor.role(), action, target, detail == null ? "" : detail, actor.address()))
        .onFailure(e -> log.error("audit entry lost: {} {} {} {}", actor.id(), action, target, detail, e))
        .mapEmpty();
  }
}

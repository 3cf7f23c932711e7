package cn.reportpost.ops;

import cn.reportpost.http.ClientAddress;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
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

  public Future<Void> record(RoutingContext ctx, StaffUser user, String action, String target, String detail) {
    String ip = ClientAddress.of(ctx);
    return pool.preparedQuery("INSERT INTO audit_log (actor, role, action, target, detail, source_ip) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(user.username(), user.role(), action, target, detail == null ? "" : detail, ip))
        .onFailure(e -> log.error("audit entry lost: {} {} {} {}", user.username(), action, target, detail, e))
        .mapEmpty();
  }
}

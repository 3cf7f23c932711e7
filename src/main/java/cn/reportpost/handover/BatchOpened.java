package cn.reportpost.handover;

import cn.reportpost.catalog.Catalog;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** Work that belongs to a new handover batch, done in the transaction that opens it (the couriers' notice). */
@FunctionalInterface
public interface BatchOpened {

  BatchOpened NONE = (tx, batch, catalog) -> Future.succeededFuture();

  Future<Void> opened(SqlConnection tx, HandoverBatch batch, Catalog.Snapshot catalog);
}

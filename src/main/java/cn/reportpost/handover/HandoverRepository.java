package cn.reportpost.handover;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every SQL statement about handover batches. */
public final class HandoverRepository {

  private static final String SELECT = """
      SELECT b.handover_no, b.site_code, b.status, b.created_by, b.created_at, b.confirmed_by, b.confirmed_at,
        array_agg(i.order_no ORDER BY i.order_no) AS order_nos,
        array_agg(i.order_no ORDER BY i.order_no) FILTER (WHERE i.received) AS received,
        array_agg(i.order_no ORDER BY i.order_no) FILTER (WHERE i.received = false) AS missing
      FROM handover_batch b JOIN handover_item i ON i.handover_no = b.handover_no
      """;

  private final Pool pool;

  public HandoverRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(SqlConnection tx, String handoverNo, String siteCode, String createdBy, List<String> orderNos) {
    return tx.preparedQuery("INSERT INTO handover_batch (handover_no, site_code, status, created_by) VALUES ($1, $2, 'OPEN', $3)")
        .execute(Tuple.of(handoverNo, siteCode, createdBy))
        .compose(v -> insertItems(tx, handoverNo, orderNos));
  }

  /** Puts these orders in the open batch (the batch's earlier list was removed first). */
  private Future<Void> insertItems(SqlConnection tx, String handoverNo, List<String> orderNos) {
    return tx.preparedQuery("""
            INSERT INTO handover_item (handover_no, order_no) SELECT $1, unnest($2::text[])""")
        .execute(Tuple.of(handoverNo, (Object) orderNos.toArray(String[]::new)))
        .compose(v -> tx.preparedQuery("""
            INSERT INTO handover_open_order (order_no, handover_no) SELECT unnest($2::text[]), $1""")
            .execute(Tuple.of(handoverNo, (Object) orderNos.toArray(String[]::new))))
        .mapEmpty();
  }

  /** The open batch's orders become exactly {@code orderNos}: those left out are free again. */
  Future<Void> replaceOrders(SqlConnection tx, String handoverNo, List<String> orderNos) {
    return tx.preparedQuery("DELETE FROM handover_open_order WHERE handover_no = $1").execute(Tuple.of(handoverNo))
        .compose(v -> tx.preparedQuery("DELETE FROM handover_item WHERE handover_no = $1").execute(Tuple.of(handoverNo)))
        .compose(v -> insertItems(tx, handoverNo, orderNos));
  }

  /** The site called the batch off before the courier confirmed it: its orders are free again; the list stays for the record. */
  Future<Void> cancel(SqlConnection tx, String handoverNo, String by) {
    return tx.preparedQuery("""
            UPDATE handover_batch SET status = 'CANCELLED', cancelled_by = $2, cancelled_at = now()
            WHERE handover_no = $1 AND status = 'OPEN'""")
        .execute(Tuple.of(handoverNo, by))
        .compose(v -> tx.preparedQuery("DELETE FROM handover_open_order WHERE handover_no = $1").execute(Tuple.of(handoverNo)))
        .mapEmpty();
  }

  Future<Optional<HandoverBatch>> find(SqlClient client, String handoverNo, boolean lock) {
    Future<?> locked = lock
        ? client.preparedQuery("SELECT 1 FROM handover_batch WHERE handover_no = $1 FOR UPDATE").execute(Tuple.of(handoverNo))
        : Future.succeededFuture();
    return locked.compose(v -> client.preparedQuery(SELECT + " WHERE b.handover_no = $1 GROUP BY b.handover_no")
        .execute(Tuple.of(handoverNo)).map(rows -> rows.size() == 0 ? Optional.<HandoverBatch>empty()
            : Optional.of(toBatch(rows.iterator().next()))));
  }

  Future<Optional<HandoverBatch>> find(String handoverNo) {
    return find(pool, handoverNo, false);
  }

  /** Batches of one site or of some cities (null for the province), optionally of one status. */
  Future<List<HandoverBatch>> inScope(String siteCode, List<String> cityCodes, String status) {
    return pool.preparedQuery(SELECT + """
         JOIN site s ON s.code = b.site_code
        WHERE ($1::text IS NULL OR b.site_code = $1)
          AND ($2::text[] IS NULL OR s.city_code = ANY($2::text[]))
          AND ($3::text IS NULL OR b.status = $3)
        GROUP BY b.handover_no ORDER BY b.created_at DESC LIMIT 200""")
        .execute(Tuple.of(siteCode, cityCodes == null ? null : cityCodes.toArray(String[]::new), status))
        .map(HandoverRepository::all);
  }

  /** Which of these orders {@code courier} confirmed receiving in a handover (one query for them all). */
  Future<Set<String>> receivedBy(List<String> orderNos, String courier) {
    return pool.preparedQuery("""
            SELECT DISTINCT i.order_no FROM handover_item i JOIN handover_batch b USING (handover_no)
            WHERE i.order_no = ANY($1) AND i.received AND b.confirmed_by = $2""")
        .execute(Tuple.of(orderNos.toArray(String[]::new), courier)).map(rows -> {
          Set<String> received = new HashSet<>();
          rows.forEach(r -> received.add(r.getString(0)));
          return received;
        });
  }

  Future<Void> confirm(SqlConnection tx, String handoverNo, String courier, List<String> received, List<String> missing) {
    return tx.preparedQuery("""
            UPDATE handover_batch SET status = 'CONFIRMED', confirmed_by = $2, confirmed_at = now(), missing_count = $3
            WHERE handover_no = $1 AND status = 'OPEN'""")
        .execute(Tuple.of(handoverNo, courier, missing.size()))
        .compose(v -> tx.preparedQuery("UPDATE handover_item SET received = (order_no = ANY($2)) WHERE handover_no = $1")
            .execute(Tuple.of(handoverNo, (Object) received.toArray(String[]::new))))
        .compose(v -> tx.preparedQuery("DELETE FROM handover_open_order WHERE handover_no = $1").execute(Tuple.of(handoverNo)))
        .mapEmpty();
  }

  private static List<HandoverBatch> all(RowSet<Row> rows) {
    List<HandoverBatch> batches = new ArrayList<>();
    rows.forEach(r -> batches.add(toBatch(r)));
    return batches;
  }

  private static HandoverBatch toBatch(Row r) {
    return new HandoverBatch(r.getString("handover_no"), r.getString("site_code"), r.getString("status"),
        r.getString("created_by"), r.getOffsetDateTime("created_at"), r.getString("confirmed_by"),
        r.getOffsetDateTime("confirmed_at"), list(r, "order_nos"), list(r, "received"), list(r, "missing"));
  }

  private static List<String> list(Row r, String column) {
    String[] values = r.getArrayOfStrings(column);
    return values == null ? List.of() : List.of(values);
  }
}

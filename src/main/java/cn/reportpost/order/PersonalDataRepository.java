package cn.reportpost.order;

import cn.reportpost.privacy.PersonalData.Legacy;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every SQL statement about orders' personal data as such: re-sealing under the current key,
 * which keys stored values need, erasure, and exact lookups through the keyed hashes.
 */
final class PersonalDataRepository {

  /** The order statuses after which nothing more happens to an order: the retention clock starts. */
  static final List<String> ENDED = List.of("DELIVERED", "RETURNED", "REFUNDED", "CLOSED", "CANCELLED");

  /** Some personal column not sealed under the current key ($1 = its prefix), or a lookup hash missing. */
  private static final String NEEDS_RESEAL = "personal_data_erased_at IS NULL AND ("
      + Arrays.stream(PersonalColumn.values()).map(c -> "NOT starts_with(" + c.column() + ", $1)")
          .collect(Collectors.joining(" OR "))
      + " OR patient_name_hash IS NULL OR patient_phone_tail_hash IS NULL OR recipient_phone_tail_hash IS NULL)";

  /** Every key a column of the row names is one of $2 (plain legacy text names none). */
  private static final String KEYS_KNOWN = Arrays.stream(PersonalColumn.values())
      .map(c -> "COALESCE(" + keyOf(c) + " = ANY($2::text[]), true)").collect(Collectors.joining(" AND "));

  private static final String ERASE_SETS = """
      patient_name = NULL, patient_id_enc = NULL, patient_id_hash = NULL, patient_phone_enc = NULL,
      patient_phone_hash = NULL, recipient_name = NULL, recipient_phone_enc = NULL, recipient_phone_hash = NULL,
      recipient_address = NULL, patient_name_hash = NULL, patient_phone_tail_hash = NULL,
      recipient_phone_tail_hash = NULL, remark = '', personal_data_erased_at = now()""";

  private final Pool pool;
  private final SqlClient reads;

  PersonalDataRepository(Pool pool, SqlClient reads) {
    this.pool = pool;
    this.reads = reads;
  }

  Pool pool() {
    return pool;
  }

  /** The SQL for the id of the key a column's value was encrypted with; null for plain legacy text. */
  private static String keyOf(PersonalColumn c) {
    String pattern = c.legacy() == Legacy.PLAIN
        ? "'^v2\\$([A-Za-z0-9_-]{1,32}):'" : "'^(?:v2\\$)?([A-Za-z0-9_-]{1,32}):'";
    return "substring(" + c.column() + " from " + pattern + ")";
  }

  /**
   * Locks, for the caller's transaction, up to {@code limit} orders to re-seal whose keys are all
   * configured, skipping orders another instance holds and those in {@code skip}.
   */
  Future<List<StoredOrder>> claimForReseal(SqlConnection tx, String currentPrefix, List<String> keyIds,
      List<String> skip, int limit) {
    return tx.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE " + NEEDS_RESEAL
            + " AND " + KEYS_KNOWN + " AND NOT (order_no = ANY($3::text[])) LIMIT $4 FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(currentPrefix, keyIds.toArray(String[]::new), skip.toArray(String[]::new), limit))
        .map(StoredOrder::all);
  }

  /** Each tuple: order_no, the six sealed columns in {@link PersonalColumn} order, then the three lookup hashes. */
  Future<Void> saveResealed(SqlConnection tx, List<Tuple> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            UPDATE report_order SET patient_name = $2, patient_id_enc = $3, patient_phone_enc = $4, recipient_name = $5,
              recipient_phone_enc = $6, recipient_address = $7, patient_name_hash = $8, patient_phone_tail_hash = $9,
              recipient_phone_tail_hash = $10
            WHERE order_no = $1 AND personal_data_erased_at IS NULL""")
        .executeBatch(rows).mapEmpty();
  }

  /** How many orders still need re-sealing under the current key (whatever their keys). */
  Future<Long> countNeedingReseal(String currentPrefix) {
    return reads.preparedQuery("SELECT count(*) FROM report_order WHERE " + NEEDS_RESEAL)
        .execute(Tuple.of(currentPrefix)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** For each key id stored values name that is not in {@code keyIds}: how many orders use it. */
  Future<Map<String, Long>> ordersUnderOtherKeys(List<String> keyIds) {
    String keys = Arrays.stream(PersonalColumn.values()).map(PersonalDataRepository::keyOf)
        .collect(Collectors.joining(", "));
    return reads.preparedQuery("SELECT k, count(DISTINCT order_no) FROM report_order,"
            + " unnest(ARRAY[" + keys + "]) AS k WHERE k IS NOT NULL AND NOT (k = ANY($1::text[])) GROUP BY k ORDER BY k")
        .execute(Tuple.of((Object) keyIds.toArray(String[]::new))).map(rows -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
          return counts;
        });
  }

  /**
   * Erases the personal fields of those of {@code orderNos} that have ended and were not erased
   * before, and writes each one's timeline note, in the caller's transaction and two statements
   * whatever the count; answers the numbers erased.
   */
  Future<List<String>> erase(SqlConnection tx, List<String> orderNos, Function<String, OrderEvent> note) {
    if (orderNos.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return tx.preparedQuery("UPDATE report_order SET " + ERASE_SETS + " WHERE order_no = ANY($1::text[])"
            + " AND status = ANY($2::text[]) AND personal_data_erased_at IS NULL RETURNING order_no, status")
        .execute(Tuple.of(orderNos.toArray(String[]::new), (Object) ENDED.toArray(String[]::new))).compose(rows -> {
          List<String> erased = new ArrayList<>(rows.size());
          List<Tuple> notes = new ArrayList<>(rows.size());
          for (Row r : rows) {
            String orderNo = r.getString(0);
            String status = r.getString(1);
            OrderEvent e = note.apply(orderNo);
            erased.add(orderNo);
            notes.add(Tuple.from(new Object[] {orderNo, status, status, e.actorRole().name(), e.actorId(), e.at(), "",
                e.note(), e.idempotencyKey()}));
          }
          if (notes.isEmpty()) {
            return Future.succeededFuture(erased);
          }
          // The note is a transition from the status to itself; a note already written (same key) is kept.
          return tx.preparedQuery(OrderRepository.INSERT_EVENT + " ON CONFLICT DO NOTHING").executeBatch(notes)
              .map(erased);
        });
  }

  /**
   * Locks up to {@code limit} ended orders not yet erased whose last transition lies more than
   * {@code days} days back, skipping orders another instance holds.
   */
  Future<List<String>> claimExpired(SqlConnection tx, int days, int limit) {
    return tx.preparedQuery("""
            SELECT o.order_no FROM report_order o
            WHERE o.personal_data_erased_at IS NULL AND o.status = ANY($1::text[])
              AND (SELECT max(e.at) FROM order_event e WHERE e.order_no = o.order_no) < now() - make_interval(days => $2)
            LIMIT $3 FOR UPDATE SKIP LOCKED""")
        .execute(Tuple.of(ENDED.toArray(String[]::new), days, limit)).map(rows -> {
          List<String> list = new ArrayList<>();
          rows.forEach(r -> list.add(r.getString(0)));
          return list;
        });
  }

  /** Orders (newest first) whose patient ID number, or patient or recipient phone, has this keyed hash. */
  Future<List<StoredOrder>> byPersonalHash(String hash, boolean idNumber, int limit) {
    String where = idNumber ? "patient_id_hash = $1" : "(patient_phone_hash = $1 OR recipient_phone_hash = $1)";
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE " + where
            + " ORDER BY created_at DESC LIMIT $2")
        .execute(Tuple.of(hash, limit)).map(StoredOrder::all);
  }
}

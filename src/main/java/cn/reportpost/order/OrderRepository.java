package cn.reportpost.order;

import cn.reportpost.db.UniqueViolation;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.order.model.Recipient;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Every SQL statement about orders and their timeline. */
public final class OrderRepository implements Orders {

  /** What a guarded transition did. */
  public enum MoveResult { MOVED, REPLAYED, MISSED }

  /**
   * The order and its first timeline entry in one statement (one round trip, atomic): when the
   * idempotency key was used before, neither is written and nothing is returned.
   */
  private static final String INSERT = """
      WITH o AS (
        INSERT INTO report_order (order_no, resident_id, site_code, status, amount_fen, patient_name, patient_id_type,
          patient_id_enc, patient_id_hash, patient_phone_enc, patient_phone_hash, sampled_on, recipient_name,
          recipient_phone_enc, recipient_phone_hash, recipient_province, recipient_city, recipient_district,
          recipient_address, copies, remark, idempotency_key, request_hash, patient_name_hash, patient_phone_tail_hash,
          recipient_phone_tail_hash, recipient_province_code, recipient_city_code, recipient_district_code)
        VALUES ($1, $2, $3, 'PENDING_PAYMENT', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
          $19, $20, $21, $22, $28, $29, $30, $31, $32, $33)
        ON CONFLICT (resident_id, idempotency_key) DO NOTHING
        RETURNING *),
      e AS (
        INSERT INTO order_event (order_no, from_status, to_status, actor_role, actor_id, at, location, note, idempotency_key)
        SELECT order_no, NULL, 'PENDING_PAYMENT', $23, $24, $25, '', $26, $27 FROM o)
      SELECT\s""" + StoredOrder.COLUMNS + " FROM o";

  private static final String BY_IDEMPOTENCY_KEY =
      "SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE resident_id = $1 AND idempotency_key = $2";
  static final String INSERT_EVENT = """
      INSERT INTO order_event (order_no, from_status, to_status, actor_role, actor_id, at, location, note, idempotency_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

  private final Pool pool;
  private final SqlClient reads;

  /** {@code reads}: the pipelined client for reads outside transactions (see Database.reads). */
  public OrderRepository(Pool pool, SqlClient reads) {
    this.pool = pool;
    this.reads = reads;
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Inserts the order and its first timeline entry, or answers the order already made under the
   * same idempotency key (empty when the order number collided: the caller draws another).
   */
  Future<Optional<StoredOrder>> insert(NewOrder o, OrderEvent created) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.asList(
            o.orderNo(), o.residentId(), o.siteCode(), o.amountFen(), o.patientNameEnc(), o.patientIdType(),
            o.patientIdEnc(), o.patientIdHash(), o.patientPhoneEnc(), o.patientPhoneHash(), o.sampledOn(),
            o.recipientNameEnc(), o.recipientPhoneEnc(), o.recipientPhoneHash(), o.province(), o.city(), o.district(),
            o.addressEnc(), o.copies(), o.remark(), nullable(o.idempotencyKey()), o.requestHash(),
            created.actorRole().name(), created.actorId(), created.at(), created.note(), created.idempotencyKey(),
            o.patientNameHash(), o.patientPhoneTailHash(), o.recipientPhoneTailHash(), o.provinceCode(), o.cityCode(),
            o.districtCode())))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(Optional.of(StoredOrder.from(rows.iterator().next())))
            : byIdempotencyKey(pool, o.residentId(), o.idempotencyKey()).map(Optional::of))
        .recover(e -> UniqueViolation.is(e, "report_order_pkey")
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  private static Future<StoredOrder> byIdempotencyKey(io.vertx.sqlclient.SqlClient tx, long residentId, String key) {
    return tx.preparedQuery(BY_IDEMPOTENCY_KEY).execute(Tuple.of(residentId, key))
        .map(rows -> StoredOrder.from(rows.iterator().next()));
  }

  /** The resident's order made under this idempotency key, if any. */
  public Future<Optional<StoredOrder>> findByIdempotencyKey(long residentId, String key) {
    return reads.preparedQuery(BY_IDEMPOTENCY_KEY).execute(Tuple.of(residentId, key)).map(OrderRepository::first);
  }

  public Future<Optional<StoredOrder>> find(String orderNo) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).map(OrderRepository::first);
  }

  @Override
  public Future<List<StoredOrder>> findAll(List<String> orderNos) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE order_no = ANY($1)")
        .execute(Tuple.of((Object) orderNos.toArray(String[]::new))).map(StoredOrder::all);
  }

  /** The order sent under this waybill number (the newest, should a number ever be reused). */
  public Future<Optional<StoredOrder>> byWaybill(String waybillNo) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS
            + " FROM report_order WHERE waybill_no = $1 ORDER BY created_at DESC LIMIT 1")
        .execute(Tuple.of(waybillNo)).map(OrderRepository::first);
  }

  /**
   * The newest orders of the resident with this official-account openid, as a chat reply lists
   * them: three columns read by position, since the chatbot asks this for every "查询".
   */
  public Future<List<OrderSummary>> latestForMpOpenid(String openid, int limit) {
    // The resident as a scalar subquery, not a join: the planner then takes the first rows of the
    // (resident_id, created_at, order_no) index as they come, instead of sorting all of them.
    return reads.preparedQuery("SELECT order_no, status, waybill_no FROM report_order"
            + " WHERE resident_id = (SELECT id FROM resident WHERE mp_openid = $1)"
            + " ORDER BY created_at DESC, order_no DESC LIMIT $2")
        .execute(Tuple.of(openid, limit)).map(rows -> {
          List<OrderSummary> list = new ArrayList<>(rows.size());
          rows.forEach(r -> list.add(new OrderSummary(r.getString(0), OrderStatus.valueOf(r.getString(1)), r.getString(2))));
          return list;
        });
  }

  public Future<List<StoredOrder>> forResident(long residentId, int limit) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS
            + " FROM report_order WHERE resident_id = $1 ORDER BY created_at DESC, order_no DESC LIMIT $2")
        .execute(Tuple.of(residentId, limit)).map(StoredOrder::all);
  }

  /**
   * One page of a staff list, oldest first. The statement holds only the conditions asked for, so
   * each shape gets a plan that walks the (site, status, created_at, order_no) index from the
   * cursor on, however deep the page.
   */
  @Override
  public Future<List<QueuedOrder>> queue(QueueQuery q) {
    List<Object> values = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + StoredOrder.O_COLUMNS
        + ", o.paid_at, o.label_printed_at, o.reprint_needed, h.handover_no AS open_handover_no"
        + " FROM report_order o LEFT JOIN handover_open_order h ON h.order_no = o.order_no");
    List<String> where = new ArrayList<>();
    if (q.cityCodes() != null) {
      sql.append(" JOIN site s ON s.code = o.site_code");
      values.add(q.cityCodes().toArray(String[]::new));
      where.add("s.city_code = ANY($" + values.size() + ")");
    }
    if (q.siteCode() != null) {
      values.add(q.siteCode());
      where.add("o.site_code = $" + values.size());
    }
    if (q.status() != null) {
      values.add(q.status());
      where.add("o.status = $" + values.size());
    }
    if (q.paidOnly()) {
      where.add("o.status NOT IN ('PENDING_PAYMENT', 'CANCELLED', 'CLOSED')");
    }
    if (q.handedTo() != null) {
      values.add(q.handedTo());
      where.add("EXISTS (SELECT 1 FROM handover_item i JOIN handover_batch b USING (handover_no)"
          + " WHERE i.order_no = o.order_no AND i.received AND b.confirmed_by = $" + values.size() + ")");
    }
    if (q.after() != null) {
      values.add(q.after().createdAt());
      values.add(q.after().orderNo());
      where.add("(o.created_at, o.order_no) > ($" + (values.size() - 1) + ", $" + values.size() + ")");
    }
    if (q.search() instanceof QueueQuery.OrderNoPrefix p) {
      values.add(p.prefix().replace("\\", "").replace("%", "").replace("_", "") + "%");
      where.add("o.order_no LIKE $" + values.size());
    } else if (q.search() instanceof QueueQuery.NameHash n) {
      values.add(n.hash());
      where.add("o.patient_name_hash = $" + values.size());
    } else if (q.search() instanceof QueueQuery.PhoneTailHash t) {
      values.add(t.hash());
      where.add("(o.patient_phone_tail_hash = $" + values.size() + " OR o.recipient_phone_tail_hash = $" + values.size() + ")");
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    values.add(q.limit());
    sql.append(" ORDER BY o.created_at, o.order_no LIMIT $").append(values.size());
    return reads.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
      List<QueuedOrder> page = new ArrayList<>(rows.size());
      int c = StoredOrder.COLUMN_COUNT;
      rows.forEach(r -> page.add(new QueuedOrder(StoredOrder.from(r), r.getOffsetDateTime(c),
          r.getOffsetDateTime(c + 1), r.getBoolean(c + 2), r.getString(c + 3))));
      return page;
    });
  }

  /** The labels of these orders were printed now: a label printed after an address change is right again. */
  @Override
  public Future<Void> labelsPrinted(List<String> orderNos) {
    return pool.preparedQuery("UPDATE report_order SET label_printed_at = now(), reprint_needed = false WHERE order_no = ANY($1)")
        .execute(Tuple.of((Object) orderNos.toArray(String[]::new))).mapEmpty();
  }

  /** The OPEN handover batch holding the order, if any, as the caller's transaction sees it. */
  Future<Optional<String>> openHandover(SqlClient client, String orderNo) {
    return client.preparedQuery("SELECT handover_no FROM handover_open_order WHERE order_no = $1")
        .execute(Tuple.of(orderNo))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  @Override
  public Future<List<StoredOrder>> createdBetween(OffsetDateTime from, OffsetDateTime to, String cityCode, String status,
      OffsetDateTime afterCreatedAt, String afterOrderNo, int limit) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS + """
             FROM report_order
            WHERE created_at >= $1 AND created_at < $2
              AND ($3::text IS NULL OR site_code IN (SELECT code FROM site WHERE city_code = $3))
              AND ($4::text IS NULL OR status = $4)
              AND ($5::timestamptz IS NULL OR (created_at, order_no) > ($5, $6))
            ORDER BY created_at, order_no LIMIT $7""")
        .execute(Tuple.from(java.util.Arrays.asList(from, to, cityCode, status, afterCreatedAt, afterOrderNo, limit)))
        .map(StoredOrder::all);
  }

  public Future<List<TimelineEntry>> timeline(String orderNo) {
    return reads.preparedQuery("""
            SELECT from_status, to_status, at, actor_role, location, note FROM order_event
            WHERE order_no = $1 ORDER BY id""")
        .execute(Tuple.of(orderNo)).map(rows -> {
          List<TimelineEntry> entries = new ArrayList<>();
          rows.forEach(r -> entries.add(new TimelineEntry(r.getString("from_status"), r.getString("to_status"),
              r.getOffsetDateTime("at"), r.getString("actor_role"), r.getString("location"), r.getString("note"))));
          return entries;
        });
  }

  /**
   * The one way an order changes status: a write guarded on the expected status, and the
   * timeline event, in one transaction with {@code alsoDo} (an outbox row, say). An event whose
   * key was seen before is a replay and changes nothing; a status that moved meanwhile is a miss.
   */
  public Future<MoveResult> move(String orderNo, OrderStatus from, OrderStatus to, OrderColumns sets, OrderEvent event,
      Function<SqlConnection, Future<Void>> alsoDo) {
    return pool.withTransaction(tx -> moveIn(tx, orderNo, from, to, sets, event, alsoDo))
        .recover(e -> UniqueViolation.is(e, "order_event_order_no_idempotency_key_key")
            ? Future.succeededFuture(MoveResult.REPLAYED) : Future.failedFuture(e));
  }

  /** {@link #move} inside a transaction the caller holds (a handover moves many orders at once). */
  public Future<MoveResult> moveIn(SqlConnection tx, String orderNo, OrderStatus from, OrderStatus to, OrderColumns sets,
      OrderEvent event, Function<SqlConnection, Future<Void>> alsoDo) {
    return eventSeen(tx, orderNo, event.idempotencyKey()).compose(seen -> {
      if (seen) {
        return Future.succeededFuture(MoveResult.REPLAYED);
      }
      List<Object> values = new ArrayList<>(List.of(orderNo, from.name(), to.name()));
      values.addAll(sets.values());
      String extra = sets.sql().isEmpty() ? "" : ", " + sets.sql();
      return tx.preparedQuery("UPDATE report_order SET status = $3, updated_at = now()" + extra
              + " WHERE order_no = $1 AND status = $2")
          .execute(Tuple.from(values)).compose(rows -> {
            if (rows.rowCount() == 0) {
              return Future.succeededFuture(MoveResult.MISSED);
            }
            return insertEvent(tx, orderNo, from, to, event).compose(v -> alsoDo.apply(tx)).map(MoveResult.MOVED);
          });
    });
  }

  /** Orders by number, locked for the caller's transaction. */
  public Future<List<StoredOrder>> lockAll(SqlConnection tx, List<String> orderNos) {
    return tx.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order WHERE order_no = ANY($1) ORDER BY order_no FOR UPDATE")
        .execute(Tuple.of((Object) orderNos.toArray(String[]::new))).map(StoredOrder::all);
  }

  public Future<Void> flag(SqlConnection tx, List<String> orderNos) {
    return tx.preparedQuery("UPDATE report_order SET flagged = true, updated_at = now() WHERE order_no = ANY($1)")
        .execute(Tuple.of((Object) orderNos.toArray(String[]::new))).mapEmpty();
  }

  /** Remembers the prepay WeChat made for a still-unpaid order. */
  public Future<Boolean> savePrepay(String orderNo, String appId, String prepayId, OffsetDateTime expiresAt) {
    return pool.preparedQuery("""
            UPDATE report_order SET pay_appid = $2, prepay_id = $3, prepay_expires_at = $4, updated_at = now()
            WHERE order_no = $1 AND status = 'PENDING_PAYMENT'""")
        .execute(Tuple.of(orderNo, appId, prepayId, expiresAt)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Changes the recipient while the order is in one of {@code statuses}. Once the order is packed
   * (READY or later) or its label printed, the envelope is wrong: the order is flagged for a
   * reprint and the timeline says so, in the same transaction. Answers whether it changed, and
   * whether a reprint is now needed.
   */
  public Future<RecipientChange> changeRecipient(String orderNo, List<String> statuses, String nameEnc, String phoneEnc,
      String phoneHash, String phoneTailHash, String province, String city, String district, String provinceCode,
      String cityCode, String districtCode, String addressEnc, int amountFen, OrderEvent changed) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE report_order SET recipient_name = $3, recipient_phone_enc = $4, recipient_phone_hash = $5,
              recipient_province = $6, recipient_city = $7, recipient_district = $8, recipient_address = $9,
              recipient_phone_tail_hash = $11, recipient_province_code = $12, recipient_city_code = $13,
              recipient_district_code = $14, updated_at = now(),
              reprint_needed = reprint_needed OR label_printed_at IS NOT NULL OR status NOT IN ('PENDING_PAYMENT', 'PAID')
            WHERE order_no = $1 AND status = ANY($2) AND amount_fen = $10
            RETURNING status, reprint_needed""")
        .execute(Tuple.from(List.of(orderNo, statuses.toArray(String[]::new), nameEnc, phoneEnc, phoneHash, province,
            city, district, addressEnc, amountFen, phoneTailHash, provinceCode, cityCode, districtCode)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(RecipientChange.REFUSED);
          }
          Row r = rows.iterator().next();
          if (!r.getBoolean("reprint_needed")) {
            return Future.succeededFuture(RecipientChange.CHANGED);
          }
          OrderStatus status = OrderStatus.valueOf(r.getString("status"));
          return insertEvent(tx, orderNo, status, status, changed).map(RecipientChange.REPRINT_NEEDED);
        }));
  }

  /** What a change of recipient did. */
  public enum RecipientChange { REFUSED, CHANGED, REPRINT_NEEDED }

  /**
   * The resident's open orders (not ended, cancelled or refunded) for one patient, by the keyed
   * hash of the ID number, and sample date: a second one is most likely a mistake.
   */
  public Future<List<StoredOrder>> openFor(long residentId, String patientIdHash, LocalDate sampledOn,
      List<String> openStatuses) {
    return reads.preparedQuery("SELECT " + StoredOrder.COLUMNS + " FROM report_order"
            + " WHERE resident_id = $1 AND patient_id_hash = $2 AND sampled_on = $3 AND status = ANY($4)"
            + " ORDER BY created_at DESC")
        .execute(Tuple.of(residentId, patientIdHash, sampledOn, openStatuses.toArray(String[]::new)))
        .map(StoredOrder::all);
  }

  @Override
  public Future<List<StoredOrder>> claimPaymentChecks(Duration settleAfter, Duration unpaidLifetime,
      Duration firstRecheck, Duration maxRecheck, Duration lease, int limit) {
    return pool.preparedQuery("""
            UPDATE report_order SET lease_until = now() + make_interval(secs => $3), checks = checks + 1,
              next_check_at = now() + LEAST(make_interval(secs => $5), make_interval(secs => $4 * power(2, LEAST(checks, 16))))
            WHERE order_no IN (
              SELECT order_no FROM report_order
              WHERE status IN ('PENDING_PAYMENT', 'CANCELLED', 'REFUNDING')
                AND COALESCE(next_check_at, updated_at) <= now()
                AND (next_check_at IS NOT NULL OR updated_at <= now() - make_interval(secs => $1))
                AND (lease_until IS NULL OR lease_until < now())
                AND CASE status
                  WHEN 'PENDING_PAYMENT' THEN prepay_id IS NOT NULL OR created_at < now() - make_interval(secs => $2)
                  WHEN 'CANCELLED' THEN prepay_id IS NOT NULL AND payment_closed_at IS NULL
                  ELSE refund_problem IS NULL END
              ORDER BY COALESCE(next_check_at, updated_at) LIMIT $6 FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + StoredOrder.COLUMNS)
        .execute(Tuple.from(new Object[] {(double) settleAfter.toSeconds(), (double) unpaidLifetime.toSeconds(),
            (double) lease.toSeconds(), (double) firstRecheck.toSeconds(), (double) maxRecheck.toSeconds(), limit}))
        .map(StoredOrder::all);
  }

  @Override
  public Future<Void> renewLease(List<String> orderNos, Duration lease) {
    return pool.preparedQuery("UPDATE report_order SET lease_until = now() + make_interval(secs => $2)"
            + " WHERE order_no = ANY($1)")
        .execute(Tuple.of(orderNos.toArray(new String[0]), (double) lease.toSeconds())).mapEmpty();
  }

  @Override
  public Future<Void> releaseLease(String orderNo) {
    return pool.preparedQuery("UPDATE report_order SET lease_until = NULL WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).mapEmpty();
  }

  @Override
  public Future<Void> markPaymentClosed(String orderNo) {
    return pool.preparedQuery("UPDATE report_order SET payment_closed_at = COALESCE(payment_closed_at, now())"
            + " WHERE order_no = $1").execute(Tuple.of(orderNo)).mapEmpty();
  }

  @Override
  public Future<Void> flagRefundProblem(String orderNo, String problem) {
    return pool.preparedQuery("UPDATE report_order SET refund_problem = $2, refund_problem_at = now()"
            + " WHERE order_no = $1 AND status = 'REFUNDING'")
        .execute(Tuple.of(orderNo, problem)).mapEmpty();
  }

  public Future<Void> securityEvent(String kind, String detail, String sourceIp) {
    return pool.preparedQuery("INSERT INTO security_event (kind, detail, source_ip) VALUES ($1, $2, $3)")
        .execute(Tuple.of(kind, detail, sourceIp == null ? "" : sourceIp)).mapEmpty();
  }

  public Future<Boolean> eventSeen(String orderNo, String key) {
    return eventSeen(pool, orderNo, key);
  }

  private static Future<Boolean> eventSeen(io.vertx.sqlclient.SqlClient tx, String orderNo, String key) {
    return tx.preparedQuery("SELECT 1 FROM order_event WHERE order_no = $1 AND idempotency_key = $2")
        .execute(Tuple.of(orderNo, key)).map(rows -> rows.size() > 0);
  }

  private static Future<Void> insertEvent(SqlConnection tx, String orderNo, OrderStatus from, OrderStatus to, OrderEvent e) {
    return tx.preparedQuery(INSERT_EVENT).execute(Tuple.from(new Object[] {orderNo, from == null ? null : from.name(),
        to.name(), e.actorRole().name(), e.actorId(), e.at(), e.location(), e.note(), e.idempotencyKey()})).mapEmpty();
  }


  private static Optional<StoredOrder> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(StoredOrder.from(rows.iterator().next()));
  }

  private static Object nullable(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

package cn.reportpost.tracking;

import cn.reportpost.order.CarrierTrail;
import cn.reportpost.order.Orders;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every SQL statement of carrier tracking: subscriptions, and the scans kept for each parcel. */
public final class TrackingRepository implements CarrierTrail {

  /** A waybill subscribed (or to be) with Kuaidi100, with the salt its pushes are signed with. */
  record Subscription(String orderNo, String waybillNo, String salt, String status) {}

  private static final String SUBSCRIPTION = "SELECT order_no, waybill_no, salt, status FROM tracking_subscription";

  private final Pool pool;

  public TrackingRepository(Pool pool) {
    this.pool = pool;
  }

  /** Queues the subscription of a newly posted order, in the transaction that posts it. */
  static Future<Void> queue(SqlConnection tx, String orderNo, String salt) {
    return tx.preparedQuery("INSERT INTO tracking_subscription (order_no, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(orderNo, salt)).mapEmpty();
  }

  Future<Optional<Subscription>> byOrder(String orderNo) {
    return pool.preparedQuery(SUBSCRIPTION + " WHERE order_no = $1").execute(Tuple.of(orderNo))
        .map(TrackingRepository::subscription);
  }

  Future<Optional<Subscription>> byWaybill(String waybillNo) {
    return pool.preparedQuery(SUBSCRIPTION + " WHERE waybill_no = $1").execute(Tuple.of(waybillNo))
        .map(TrackingRepository::subscription);
  }

  /** The waybill is known once the order is posted; it is written before Kuaidi100 hears of it, so every push finds it. */
  Future<Void> attachWaybill(String orderNo, String waybillNo) {
    return pool.preparedQuery("UPDATE tracking_subscription SET waybill_no = $2 WHERE order_no = $1"
            + " AND waybill_no IS DISTINCT FROM $2")
        .execute(Tuple.of(orderNo, waybillNo)).mapEmpty();
  }

  Future<Void> subscribed(String orderNo) {
    return pool.preparedQuery("UPDATE tracking_subscription SET status = 'SUBSCRIBED',"
            + " subscribed_at = COALESCE(subscribed_at, now()) WHERE order_no = $1 AND status = 'PENDING'")
        .execute(Tuple.of(orderNo)).mapEmpty();
  }

  /**
   * Keeps a push: its scans not seen before (every push repeats the whole trail, so most are), and
   * where tracking stands: ENDED after shutdown, ABORTED after abort, SUBSCRIBED otherwise.
   */
  Future<Void> store(String orderNo, Kuaidi100.Push push) {
    List<CarrierScan> scans = push.scans();
    String trackingStatus = switch (push.status()) {
      case Kuaidi100.SHUTDOWN -> "ENDED";
      case Kuaidi100.ABORT -> "ABORTED";
      default -> "SUBSCRIBED";
    };
    return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO tracking_scan (order_no, scan_key, at, context, area_name, status_code)
            SELECT $1, k, a, c, n, s FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
              AS t(k, a, c, n, s)
            ON CONFLICT (order_no, scan_key) DO NOTHING""")
        .execute(Tuple.of(orderNo, scans.stream().map(CarrierScan::key).toArray(String[]::new),
            scans.stream().map(CarrierScan::at).toArray(OffsetDateTime[]::new),
            scans.stream().map(CarrierScan::context).toArray(String[]::new),
            scans.stream().map(CarrierScan::areaName).toArray(String[]::new),
            scans.stream().map(CarrierScan::code).toArray(String[]::new)))
        .compose(v -> tx.preparedQuery("""
                UPDATE tracking_subscription SET last_push_at = now(), last_state = $2, status = $3,
                  subscribed_at = COALESCE(subscribed_at, now())
                WHERE order_no = $1""")
            .execute(Tuple.of(orderNo, push.state(), trackingStatus)))
        .mapEmpty());
  }

  /** Every scan of the order's parcel, oldest first. */
  Future<List<CarrierScan>> scans(String orderNo) {
    return pool.preparedQuery("SELECT scan_key, at, context, area_name, status_code FROM tracking_scan"
            + " WHERE order_no = $1 ORDER BY at, id")
        .execute(Tuple.of(orderNo)).map(rows -> {
          List<CarrierScan> scans = new ArrayList<>(rows.size());
          rows.forEach(r -> scans.add(new CarrierScan(r.getString("scan_key"), r.getOffsetDateTime("at"),
              r.getString("context"), r.getString("area_name"), r.getString("status_code"))));
          return scans;
        });
  }

  @Override
  public Future<List<Scan>> of(String orderNo) {
    return pool.preparedQuery("SELECT at, context, area_name FROM tracking_scan WHERE order_no = $1 ORDER BY at DESC, id DESC")
        .execute(Tuple.of(orderNo)).map(rows -> {
          List<Scan> trail = new ArrayList<>(rows.size());
          rows.forEach(r -> trail.add(new Scan(r.getOffsetDateTime("at"), r.getString("context"), r.getString("area_name"))));
          return trail;
        });
  }

  /**
   * Flags the order for operations with what is wrong, once per problem: the same problem pushed
   * again changes nothing; a new one replaces it.
   */
  Future<Void> raise(Orders orders, String orderNo, String problem) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE tracking_subscription SET problem = $2, problem_at = now()
            WHERE order_no = $1 AND problem IS DISTINCT FROM $2""")
        .execute(Tuple.of(orderNo, problem))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture() : orders.flag(tx, List.of(orderNo))));
  }

  private static Optional<Subscription> subscription(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Subscription(r.getString("order_no"), r.getString("waybill_no"), r.getString("salt"),
        r.getString("status")));
  }
}

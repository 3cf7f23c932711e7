package cn.reportpost.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What other features may read and lock of orders. Their status changes go through
 * {@link OrderTransitions}; the SQL stays in this feature's repository.
 */
public interface Orders {

  Future<Optional<StoredOrder>> find(String orderNo);

  /** The orders of these numbers that exist, in one query (in no particular order). */
  Future<List<StoredOrder>> findAll(List<String> orderNos);

  Future<Optional<StoredOrder>> byWaybill(String waybillNo);

  /** The newest orders of the resident with this official-account openid (none if they never signed in). */
  Future<List<OrderSummary>> latestForMpOpenid(String openid, int limit);

  Future<List<TimelineEntry>> timeline(String orderNo);

  /** One page of a staff list, oldest first (see {@link QueueQuery}). */
  Future<List<QueuedOrder>> queue(QueueQuery query);

  /** Records that the labels of these orders were just printed; clears their reprint flag. */
  Future<Void> labelsPrinted(List<String> orderNos);

  /** Locks these orders for the caller's transaction and answers those that exist. */
  Future<List<StoredOrder>> lockAll(SqlConnection tx, List<String> orderNos);

  /** Flags orders for operations (e.g. missing from a handover). */
  Future<Void> flag(SqlConnection tx, List<String> orderNos);

  /** Records the prepay of an unpaid order; false when the order can no longer be paid. */
  Future<Boolean> savePrepay(String orderNo, String appId, String prepayId, OffsetDateTime expiresAt);

  /**
   * Claims for {@code lease} up to {@code limit} orders whose payment WeChat should be asked about
   * now, the most overdue first: unpaid orders WeChat knows (a prepay was made) once they are
   * {@code settleAfter} old, and every unpaid order past {@code unpaidLifetime} (to close it);
   * cancelled orders whose payment is not yet known closed; refunds without a recorded problem.
   * Each claim counts a check and pushes the next one out ({@code firstRecheck} doubling, at most
   * {@code maxRecheck}). Instances claiming at once get disjoint orders.
   */
  Future<List<StoredOrder>> claimPaymentChecks(Duration settleAfter, Duration unpaidLifetime, Duration firstRecheck,
      Duration maxRecheck, Duration lease, int limit);

  /** Keeps these orders claimed for another {@code lease} while a pass is still working on them. */
  Future<Void> renewLease(List<String> orderNos, Duration lease);

  /** Gives the order back once a pass is done with it: its next check is due when next_check_at says. */
  Future<Void> releaseLease(String orderNo);

  /** WeChat confirmed a cancelled order's payment closed: reconciliation stops asking about it. */
  Future<Void> markPaymentClosed(String orderNo);

  Future<Void> securityEvent(String kind, String detail, String sourceIp);

  /**
   * Marks a refunding order whose refund WeChat ended without paying back, with WeChat's answer:
   * the refund desk takes it from there, and the refund jobs leave it alone.
   */
  Future<Void> flagRefundProblem(String orderNo, String problem);

  /**
   * A page of orders created in [from, to), oldest first, after the order ({@code afterCreatedAt},
   * {@code afterOrderNo}) when given; of one city's sites and one status when given. For exports,
   * which read a page at a time and never the whole range at once.
   */
  Future<List<StoredOrder>> createdBetween(OffsetDateTime from, OffsetDateTime to, String cityCode, String status,
      OffsetDateTime afterCreatedAt, String afterOrderNo, int limit);
}

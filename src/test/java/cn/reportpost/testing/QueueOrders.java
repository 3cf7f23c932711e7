package cn.reportpost.testing;

import cn.reportpost.dev.SealedCopies;
import cn.reportpost.privacy.PersonalData;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Many paid orders of one site at once, for the staff queue: copies of a real paid order (every
 * column, lookup hashes included, as the application wrote it), under new numbers
 * {@code prefix000001…}, made {@code spacingSeconds} apart, the first the oldest. Personal fields
 * are sealed again for each copy: a sealed value is bound to its row and would not open in another.
 */
public final class QueueOrders {

  private QueueOrders() {}

  /** {@code count} copies of {@code template}, the last made {@code endSecondsAgo} seconds ago. */
  public static List<String> copies(TestApp app, String template, String prefix, int count, int spacingSeconds,
      int endSecondsAgo) {
    var pool = app.app().services().pool();
    PersonalData personal = app.app().services().config().personalData();
    List<String> orderNos = IntStream.rangeClosed(1, count).mapToObj(g -> prefix + String.format("%06d", g)).toList();
    try {
      pool.preparedQuery("""
              INSERT INTO report_order
              SELECT (json_populate_record(o, json_build_object(
                'order_no', $2 || lpad(g::text, 6, '0'), 'idempotency_key', NULL, 'transaction_id', NULL,
                'created_at', now() - make_interval(secs => $5 + $4 * ($3 - g)),
                'updated_at', now()))).*
              FROM report_order o, generate_series(1, $3) g WHERE o.order_no = $1""")
          .execute(Tuple.of(template, prefix, count, spacingSeconds, endSecondsAgo)).await(60, TimeUnit.SECONDS);
      SealedCopies.reseal(pool, personal, template, orderNos).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return orderNos;
  }
}

package cn.reportpost.testing;

import cn.reportpost.order.PersonalColumn;
import cn.reportpost.privacy.PersonalData;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
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
      PersonalColumn[] columns = PersonalColumn.values();
      StringBuilder select = new StringBuilder("SELECT ");
      StringBuilder update = new StringBuilder("UPDATE report_order SET ");
      for (int i = 0; i < columns.length; i++) {
        select.append(i == 0 ? "" : ", ").append(columns[i].column());
        update.append(i == 0 ? "" : ", ").append(columns[i].column()).append(" = $").append(i + 2);
      }
      Row row = pool.preparedQuery(select + " FROM report_order WHERE order_no = $1").execute(Tuple.of(template))
          .await(10, TimeUnit.SECONDS).iterator().next();
      String[] plain = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        plain[i] = personal.open(row.getString(i), columns[i].context(template), PersonalData.Legacy.PLAIN);
      }
      List<Tuple> batch = new ArrayList<>(count);
      for (String orderNo : orderNos) {
        Tuple t = Tuple.of(orderNo);
        for (int i = 0; i < columns.length; i++) {
          t.addValue(personal.seal(plain[i], columns[i].context(orderNo)));
        }
        batch.add(t);
      }
      pool.preparedQuery(update + " WHERE order_no = $1").executeBatch(batch).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return orderNos;
  }
}

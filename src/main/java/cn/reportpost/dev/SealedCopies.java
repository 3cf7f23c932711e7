package cn.reportpost.dev;

import cn.reportpost.order.PersonalColumn;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk copies of one order (the benchmark's and tests' way to fill the database fast) carry the
 * original's sealed personal fields, which are bound to the original's row and do not open in a
 * copy. This seals the original's values again for each copy's own number.
 */
public final class SealedCopies {

  private static final int BATCH = 1_000;

  private SealedCopies() {}

  public static Future<Void> reseal(SqlClient client, PersonalData personal, String template, List<String> copies) {
    PersonalColumn[] columns = PersonalColumn.values();
    StringBuilder select = new StringBuilder("SELECT ");
    StringBuilder update = new StringBuilder("UPDATE report_order SET ");
    for (int i = 0; i < columns.length; i++) {
      select.append(i == 0 ? "" : ", ").append(columns[i].column());
      update.append(i == 0 ? "" : ", ").append(columns[i].column()).append(" = $").append(i + 2);
    }
    String updateSql = update + " WHERE order_no = $1";
    return client.preparedQuery(select + " FROM report_order WHERE order_no = $1").execute(Tuple.of(template))
        .compose(rows -> {
          Row row = rows.iterator().next();
          String[] plain = new String[columns.length];
          for (int i = 0; i < columns.length; i++) {
            plain[i] = personal.open(row.getString(i), columns[i].context(template), PersonalData.Legacy.PLAIN);
          }
          Future<Void> done = Future.succeededFuture();
          for (int from = 0; from < copies.size(); from += BATCH) {
            List<Tuple> batch = new ArrayList<>(BATCH);
            for (String orderNo : copies.subList(from, Math.min(copies.size(), from + BATCH))) {
              Tuple t = Tuple.of(orderNo);
              for (int i = 0; i < columns.length; i++) {
                t.addValue(personal.seal(plain[i], columns[i].context(orderNo)));
              }
              batch.add(t);
            }
            done = done.compose(v -> client.preparedQuery(updateSql).executeBatch(batch).mapEmpty());
          }
          return done;
        });
  }
}

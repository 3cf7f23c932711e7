package cn.reportpost.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's report (the day in Asia/Shanghai): one line for every city, zeros where nothing
 * happened, and the totals; as figured now ("live") or as kept after the day's cut-off ("kept").
 */
record DailyReport(LocalDate date, String version, String generatedAt, List<Line> lines) {

  /** The figures, in the order the report shows them: key and Chinese heading. */
  static final List<String[]> FIGURES = List.of(
      new String[] {"ordered", "下单"}, new String[] {"paid", "付款"}, new String[] {"amountFen", "付款金额（分）"},
      new String[] {"handedOver", "交接"}, new String[] {"posted", "寄出"}, new String[] {"delivered", "签收"},
      new String[] {"failed", "投递失败"}, new String[] {"refunded", "退款"}, new String[] {"refundAmountFen", "退款金额（分）"},
      new String[] {"afterSalesOpened", "售后新开"}, new String[] {"afterSalesClosed", "售后结案"}, new String[] {"breaches", "超时"});

  /** One city's figures, in {@link #FIGURES} order. */
  record Line(String cityCode, String name, long[] figures) {}

  JsonObject json() {
    JsonArray rows = new JsonArray();
    lines.forEach(l -> rows.add(lineJson(l.cityCode(), l.name(), l.figures())));
    return new JsonObject().put("date", date.toString()).put("version", version).put("generatedAt", generatedAt)
        .put("columns", new JsonArray(FIGURES.stream().map(f -> f[0]).toList()))
        .put("rows", rows).put("totals", lineJson(null, "合计", totals()));
  }

  static DailyReport fromJson(JsonObject json, String version) {
    List<Line> lines = new ArrayList<>();
    for (Object o : json.getJsonArray("rows")) {
      JsonObject row = (JsonObject) o;
      long[] figures = new long[FIGURES.size()];
      for (int i = 0; i < figures.length; i++) {
        figures[i] = row.getLong(FIGURES.get(i)[0], 0L);
      }
      lines.add(new Line(row.getString("cityCode"), row.getString("name"), figures));
    }
    return new DailyReport(LocalDate.parse(json.getString("date")), version, json.getString("generatedAt"), lines);
  }

  long[] totals() {
    long[] sum = new long[FIGURES.size()];
    lines.forEach(l -> {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += l.figures()[i];
      }
    });
    return sum;
  }

  /** The table as a spreadsheet shows it: headings, a row per city, the totals. */
  List<List<Object>> table() {
    List<List<Object>> table = new ArrayList<>();
    List<Object> head = new ArrayList<>(List.of("城市代码", "城市"));
    FIGURES.forEach(f -> head.add(f[1]));
    table.add(head);
    lines.forEach(l -> table.add(row(l.cityCode(), l.name(), l.figures())));
    table.add(row("", "合计", totals()));
    return table;
  }

  private static List<Object> row(String code, String name, long[] figures) {
    List<Object> row = new ArrayList<>(List.of(code, name));
    for (long f : figures) {
      row.add(f);
    }
    return row;
  }

  private static JsonObject lineJson(String code, String name, long[] figures) {
    JsonObject line = new JsonObject();
    if (code != null) {
      line.put("cityCode", code);
    }
    line.put("name", name);
    for (int i = 0; i < figures.length; i++) {
      line.put(FIGURES.get(i)[0], figures[i]);
    }
    return line;
  }
}

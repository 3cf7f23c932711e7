package cn.reportpost.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a drill's residents were promised, and the check that the books agree: every order that
 * was answered 201 exists, one per Idempotency-Key; every payment is recorded once (one PAID event);
 * every refund is issued once; every message the resident should get is sent once, and no other.
 * The books are the database (read over plain JDBC) and what WeChat (the sandbox) holds.
 */
public final class Ledger {

  /** How an order must end up. */
  public enum Outcome { UNPAID, PAID, REFUNDED }

  private record Expected(String openid, Outcome outcome) {}

  private static final String PAID_LABEL = "已支付";
  private static final String REFUNDED_LABEL = "已退款";

  private final Map<String, Expected> orders = new ConcurrentHashMap<>();
  /** Idempotency-Keys each resident sent, answered or not: one order each at most. */
  private final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

  public void keyUsed(String openid, String key) {
    keys.computeIfAbsent(openid, k -> ConcurrentHashMap.newKeySet()).add(key);
  }

  /** The order was answered 201 to {@code openid}, and must end as {@code outcome}. */
  public void expect(String orderNo, String openid, Outcome outcome) {
    orders.put(orderNo, new Expected(openid, outcome));
  }

  public int size() {
    return orders.size();
  }

  public long count(Outcome outcome) {
    return orders.values().stream().filter(e -> e.outcome() == outcome).count();
  }

  /** The books as they stand, for the figures and the check. */
  public record Books(Map<String, String> status, Map<String, Map<String, Integer>> eventsTo,
      Map<String, String> paidNote, Map<String, Integer> ordersOfResident, Map<String, Map<String, Integer>> messages,
      Map<String, String> messageOpenid, Map<String, Integer> refunds, Map<String, Integer> outbox, List<String> problems) {}

  /**
   * Waits until the books agree with every promise or {@code patience} runs out (jobs and retries
   * take their time); answers the books as they then stand, disagreements listed.
   */
  public Books await(Cluster cluster, Duration patience) throws Exception {
    long deadline = System.currentTimeMillis() + patience.toMillis();
    Books books = read(cluster);
    while (!books.problems().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      books = read(cluster);
    }
    return books;
  }

  /** Fails naming each disagreement of {@code books} with the promises. */
  public static void assertAgree(Books books) {
    assertThat(books.problems()).as("disagreements between the promises and the books").isEmpty();
  }

  /** The orders the books disagree about, for the figures of a failed drill. */
  public static java.util.Set<String> disputed(Books books) {
    java.util.Set<String> orders = new java.util.TreeSet<>();
    books.problems().forEach(p -> orders.add(p.split(":")[0]));
    return orders;
  }

  /** Reads the books and lists every disagreement with the promises. */
  public Books read(Cluster cluster) throws SQLException {
    Map<String, String> status = new HashMap<>();
    Map<String, Map<String, Integer>> eventsTo = new HashMap<>();
    Map<String, String> paidNote = new HashMap<>();
    Map<String, Integer> ordersOfResident = new HashMap<>();
    Map<String, Integer> outbox = new TreeMap<>();
    String[] numbers = orders.keySet().toArray(String[]::new);
    try (Connection db = cluster.database()) {
      query(db, "SELECT order_no, status FROM report_order WHERE order_no = ANY(?)", numbers,
          r -> status.put(r.getString(1), r.getString(2)));
      query(db, "SELECT order_no, to_status, note FROM order_event WHERE order_no = ANY(?)", numbers, r -> {
        eventsTo.computeIfAbsent(r.getString(1), k -> new HashMap<>()).merge(r.getString(2), 1, Integer::sum);
        if ("PAID".equals(r.getString(2))) {
          paidNote.put(r.getString(1), r.getString(3));
        }
      });
      query(db, "SELECT r.mp_openid, count(o.order_no) FROM resident r LEFT JOIN report_order o ON o.resident_id = r.id"
          + " WHERE r.mp_openid = ANY(?) GROUP BY r.mp_openid", keys.keySet().toArray(String[]::new),
          r -> ordersOfResident.put(r.getString(1), r.getInt(2)));
      query(db, "SELECT status, count(*) FROM notification_outbox WHERE order_no = ANY(?) GROUP BY status", numbers,
          r -> outbox.put(r.getString(1), r.getInt(2)));
    }
    Map<String, Map<String, Integer>> messages = new HashMap<>();
    Map<String, String> messageOpenid = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Object o : cluster.sandbox().http().get("/sandbox/mp/sent").jsonArray()) {
      JsonObject sent = (JsonObject) o;
      JsonObject data = sent.getJsonObject("message").getJsonObject("data", new JsonObject());
      String orderNo = value(data, "character_string1");
      if (orderNo == null || !orders.containsKey(orderNo)) {
        continue;
      }
      messages.computeIfAbsent(orderNo, k -> new HashMap<>()).merge(value(data, "phrase2"), 1, Integer::sum);
      if (!orders.get(orderNo).openid().equals(sent.getString("openid"))) {
        problems.add(orderNo + ": a message went to " + sent.getString("openid") + ", not its resident");
      }
      messageOpenid.put(orderNo, sent.getString("openid"));
    }
    Map<String, Integer> refunds = new HashMap<>();
    JsonArray issued = cluster.sandbox().http().get("/sandbox/refunds").json().getJsonArray("refunds");
    for (Object o : issued) {
      refunds.merge(((JsonObject) o).getString("out_trade_no"), 1, Integer::sum);
    }
    orders.forEach((orderNo, expected) -> problems.addAll(disagreements(orderNo, expected.outcome(), status.get(orderNo),
        eventsTo.getOrDefault(orderNo, Map.of()), messages.getOrDefault(orderNo, Map.of()), refunds.getOrDefault(orderNo, 0))));
    keys.forEach((openid, used) -> {
      int held = ordersOfResident.getOrDefault(openid, 0);
      if (held > used.size()) {
        problems.add(openid + " holds " + held + " orders from " + used.size() + " Idempotency-Keys");
      }
    });
    if (outbox.getOrDefault("DEAD", 0) > 0 || outbox.getOrDefault("PENDING", 0) > 0) {
      problems.add("outbox rows not done: " + outbox);
    }
    return new Books(status, eventsTo, paidNote, ordersOfResident, messages, messageOpenid, refunds, outbox, problems);
  }

  private static List<String> disagreements(String orderNo, Outcome outcome, String status, Map<String, Integer> events,
      Map<String, Integer> messages, int refunds) {
    List<String> problems = new ArrayList<>();
    String wanted = switch (outcome) {
      case UNPAID -> "PENDING_PAYMENT";
      case PAID -> "PAID";
      case REFUNDED -> "REFUNDED";
    };
    if (status == null) {
      problems.add(orderNo + ": answered 201 but not in the database (lost)");
      return problems;
    }
    if (!wanted.equals(status)) {
      problems.add(orderNo + ": " + status + ", expected " + wanted);
    }
    int paid = outcome == Outcome.UNPAID ? 0 : 1;
    int refunded = outcome == Outcome.REFUNDED ? 1 : 0;
    check(problems, orderNo, "PAID timeline events", events.getOrDefault("PAID", 0), paid);
    check(problems, orderNo, "REFUNDING timeline events", events.getOrDefault("REFUNDING", 0), refunded);
    check(problems, orderNo, "REFUNDED timeline events", events.getOrDefault("REFUNDED", 0), refunded);
    check(problems, orderNo, "\"" + PAID_LABEL + "\" messages", messages.getOrDefault(PAID_LABEL, 0), paid);
    check(problems, orderNo, "\"" + REFUNDED_LABEL + "\" messages", messages.getOrDefault(REFUNDED_LABEL, 0), refunded);
    check(problems, orderNo, "refunds at WeChat", refunds, refunded);
    messages.keySet().stream().filter(label -> !label.equals(PAID_LABEL) && !label.equals(REFUNDED_LABEL))
        .forEach(label -> problems.add(orderNo + ": unexpected message \"" + label + "\""));
    return problems;
  }

  private static void check(List<String> problems, String orderNo, String what, int seen, int expected) {
    if (seen != expected) {
      problems.add(orderNo + ": " + seen + " " + what + ", expected " + expected);
    }
  }

  private static String value(JsonObject data, String keyword) {
    JsonObject field = data.getJsonObject(keyword);
    return field == null ? null : field.getString("value");
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private static void query(Connection db, String sql, String[] values, RowReader reader) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setArray(1, db.createArrayOf("text", values));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          reader.read(r);
        }
      }
    }
  }
}

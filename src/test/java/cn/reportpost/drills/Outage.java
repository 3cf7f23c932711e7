package cn.reportpost.drills;

import cn.reportpost.testing.Cluster;
import cn.reportpost.testing.Ledger;
import cn.reportpost.testing.OrderLoad;
import cn.reportpost.testing.Phone;
import cn.reportpost.testing.Requests;
import cn.reportpost.testing.Sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of a server outage drill, whichever server goes: residents order steadily on every
 * instance; the server stops; while it is down, residents pay orders they had asked to pay before;
 * it starts again; ordering goes on until every instance takes orders again; the keys left
 * unanswered are sent again; a share of the orders is paid; then the books must agree with every
 * order answered 201 and every payment made.
 */
final class Outage {

  /** An action on a server (stop or start it). */
  interface ServerAction {
    void run() throws Exception;
  }

  /** What the drill saw; times in ms from the stop or the start of the server. */
  record Figures(long downMillis, int createdBefore, int createdDuring, int createdAfter, List<Requests.Answer> failedDuring,
      long slowestFailureMillis, long[] recoveryMillis, List<Requests.Answer> failedAfterRecovery,
      List<Integer> healthDuring, Map<String, Long> paidAfterStopMillis, int keysSentAgain, Ledger.Books books) {

    /**
     * While {@code server} was down, health said so and orders were refused with a problem answer
     * in bounded time; once it was back, every instance took orders again within 15 s, and from
     * then on refused none.
     */
    void assertRidden(String server) {
      assertThat(healthDuring).as("/health of each instance while %s was down", server).containsOnly(503);
      assertThat(failedDuring).as("orders refused while %s was down", server).isNotEmpty()
          .allSatisfy(a -> assertThat(a.status()).as("503 with Retry-After, not a 500 or a dropped connection").isEqualTo(503));
      assertThat(slowestFailureMillis).as("the slowest refused request (ms)").isLessThan(10_000);
      for (int i = 0; i < recoveryMillis.length; i++) {
        assertThat(recoveryMillis[i]).as("instance %d took orders again within 15 s of %s's return", i, server)
            .isBetween(0L, 15_000L);
      }
      assertThat(failedAfterRecovery).as("orders refused after every instance recovered").isEmpty();
    }
  }

  private static final int PHONES = 6;
  private static final int PAID_DURING_OUTAGE = 4;
  private static final long LOAD_PAUSE_MILLIS = 150;

  private final Cluster cluster;
  private final String name;
  private final Requests requests = new Requests();
  private final Ledger ledger = new Ledger();
  private final Sandbox wechat;
  /** How each paid order was paid, to tell in the figures which kind the books disagree about. */
  private final Map<String, String> howPaid = new ConcurrentHashMap<>();

  Outage(Cluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
    this.wechat = cluster.sandbox();
  }

  Figures run(Duration down, ServerAction stop, ServerAction start) throws Exception {
    List<Phone> phones = new ArrayList<>();
    for (int i = 0; i < PHONES; i++) {
      phones.add(Phone.signIn(cluster, requests, i % cluster.size(), "oDrill" + name + i));
    }
    // Before: paid orders that must survive, and orders whose residents will pay during the outage.
    List<String> toPayDuring = new ArrayList<>();
    for (int i = 0; i < PHONES + PAID_DURING_OUTAGE; i++) {
      Phone phone = phones.get(i % PHONES);
      String key = name + "-before-" + i;
      ledger.keyUsed(phone.openid(), key);
      String orderNo = Phone.orderNo(phone.order(i % cluster.size(), key));
      assertThat(orderNo).as("order before the outage").isNotNull();
      assertThat(phone.prepay((i + 1) % cluster.size(), orderNo).status()).isEqualTo(200);
      if (i < PHONES) {
        wechat.pay(orderNo, "");
        howPaid.put(orderNo, "before");
      } else {
        toPayDuring.add(orderNo);
      }
      ledger.expect(orderNo, phone.openid(), Ledger.Outcome.PAID);
    }
    int before = ledger.size();

    OrderLoad load = new OrderLoad(cluster, phones, ledger, name, LOAD_PAUSE_MILLIS);
    Thread.sleep(2000);
    long stoppedAt = System.currentTimeMillis();
    long startedAt;
    PaidWatch watch;
    List<Integer> health = new ArrayList<>();
    try {
      stop.run();
      phase("stopped");
      // The resident pays; the notify goes to the instance that made the prepay (some are lost).
      for (int i = 0; i < toPayDuring.size(); i++) {
        wechat.pay(toPayDuring.get(i), i % 2 == 0 ? "" : "?notify=false");
        howPaid.put(toPayDuring.get(i), i % 2 == 0 ? "during the outage" : "during the outage, notify lost");
      }
      watch = new PaidWatch(cluster, toPayDuring, stoppedAt);
      for (int i = 0; i < cluster.size(); i++) {
        int instance = i;
        health.add(requests.call("health", instance, () -> cluster.http(instance).get("/health")).status());
      }
      Thread.sleep(Math.max(0, stoppedAt + down.toMillis() - System.currentTimeMillis()));
    } finally {
      start.run();
      startedAt = System.currentTimeMillis();
    }
    phase("started again");
    long[] recovery = awaitRecovery(startedAt, 30_000);
    phase("recovered");
    Thread.sleep(2000);
    load.stop();
    phase("load stopped");

    int keysSentAgain = sendUnansweredAgain(load);
    phase("keys sent again");
    payAShare(load);
    phase("a share paid");
    Ledger.Books books = ledger.await(cluster, Duration.ofSeconds(60));
    phase("books read");
    watch.stop();
    for (int i = 0; i < cluster.size(); i++) {
      assertThat(cluster.http(i).get("/health").status()).as("health of instance %d after the outage", i).isEqualTo(200);
    }

    long recovered = startedAt + Arrays.stream(recovery).max().orElse(0);
    List<Requests.Answer> creates = requests.where(a -> a.what().equals("create"));
    List<Requests.Answer> failedDuring = creates.stream()
        .filter(a -> !a.ok() && a.startedMillis() >= stoppedAt && a.startedMillis() < startedAt).toList();
    Figures f = new Figures(startedAt - stoppedAt, before,
        (int) creates.stream().filter(a -> a.ok() && a.startedMillis() >= stoppedAt && a.startedMillis() < startedAt).count(),
        (int) creates.stream().filter(a -> a.ok() && a.startedMillis() >= startedAt).count(),
        failedDuring, creates.stream().filter(a -> !a.ok()).mapToLong(Requests.Answer::millis).max().orElse(0),
        recovery, creates.stream().filter(a -> !a.ok() && a.startedMillis() >= recovered).toList(), health,
        watch.paidAfterStopMillis(), keysSentAgain, books);
    Map<String, Integer> queries = wechat.callsPerOrder("GET", "/out-trade-no/");
    Ledger.disputed(books).forEach(orderNo -> System.out.printf("DRILL %s disputed order %s: paid %s; WeChat asked about it %d"
        + " times; books: %s%n", name, orderNo, howPaid.getOrDefault(orderNo, "never"), queries.getOrDefault(orderNo, 0),
        books.problems().stream().filter(p -> p.startsWith(orderNo)).toList()));
    System.out.printf("DRILL %s restart: down %d ms; orders answered 201 before/during/after %d/%d/%d, %d in all;"
            + " refused during the outage: %s (slowest %d ms); health during the outage %s; took orders again %s ms"
            + " after the start; keys sent again %d; paid during the outage, recorded at (ms after the stop) %s;"
            + " outbox %s; reconciliation asked WeChat about %d of the %d orders; WeChat calls %s; requests %s%n",
        name, startedAt - stoppedAt, f.createdBefore(), f.createdDuring(), f.createdAfter(), ledger.size(),
        histogram(failedDuring), f.slowestFailureMillis(), health, Arrays.toString(recovery), keysSentAgain,
        f.paidAfterStopMillis(), books.outbox(), queries.size(), ledger.size(), wechat.calls(), requests.summary(a -> true));
    return f;
  }

  /** A line in the test's output at each step, so that a drill that hangs shows where. */
  private void phase(String step) {
    System.out.printf("DRILL %s: %s at %d ms%n", name, step, requests.elapsed());
  }

  /** Per instance, ms from the server's start to the first 201 of an order asked for after it; -1 if none came. */
  private long[] awaitRecovery(long startedAt, long patienceMillis) throws InterruptedException {
    long[] recovery = new long[cluster.size()];
    long deadline = startedAt + patienceMillis;
    while (true) {
      boolean all = true;
      for (int i = 0; i < cluster.size(); i++) {
        int instance = i;
        recovery[i] = requests.where(a -> a.what().equals("create") && a.instance() == instance && a.ok()
                && a.startedMillis() >= startedAt).stream()
            .mapToLong(a -> a.startedMillis() + a.millis() - startedAt).min().orElse(-1);
        all &= recovery[i] >= 0;
      }
      if (all || System.currentTimeMillis() > deadline) {
        return recovery;
      }
      Thread.sleep(100);
    }
  }

  /** What a phone app does with a request that got no good answer: the same key again, signing in again if need be. */
  private int sendUnansweredAgain(OrderLoad load) {
    int n = 0;
    for (OrderLoad.Unanswered u : load.unanswered()) {
      int instance = n++ % cluster.size();
      Requests.Answer again = u.phone().order(instance, u.key());
      if (again.status() == 401) {
        u.phone().signInAgain(instance);
        again = u.phone().order(instance, u.key());
      }
      assertThat(again.status()).as("key %s sent again after the outage: %s", u.key(), again.body()).isEqualTo(201);
      ledger.expect(Phone.orderNo(again), u.phone().openid(), Ledger.Outcome.UNPAID);
    }
    return n;
  }

  /** Every fifth order of the load is paid, half of those with the notify lost. */
  private void payAShare(OrderLoad load) {
    List<OrderLoad.Created> created = load.created();
    for (int i = 0; i < created.size(); i += 5) {
      OrderLoad.Created c = created.get(i);
      Requests.Answer prepay = c.phone().prepay((c.instance() + 1) % cluster.size(), c.orderNo());
      assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
      wechat.pay(c.orderNo(), i % 10 == 0 ? "?notify=false" : "");
      howPaid.put(c.orderNo(), "after the outage" + (i % 10 == 0 ? ", notify lost" : "") + " (load order " + i + " of "
          + created.size() + ")");
      ledger.expect(c.orderNo(), c.phone().openid(), Ledger.Outcome.PAID);
    }
  }

  private static String histogram(List<Requests.Answer> answers) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    answers.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
    return byStatus.toString();
  }

  /** Reads, every 200 ms over its own connection, when each order paid during the outage became PAID. */
  private static final class PaidWatch {
    private final Map<String, Long> paidAt = new ConcurrentHashMap<>();
    private final Thread thread;

    PaidWatch(Cluster cluster, List<String> orderNos, long since) {
      thread = new Thread(() -> {
        while (paidAt.size() < orderNos.size() && !Thread.currentThread().isInterrupted()) {
          try (Connection db = cluster.database();
               PreparedStatement s = db.prepareStatement("SELECT order_no FROM report_order WHERE status = 'PAID' AND order_no = ANY(?)")) {
            s.setArray(1, db.createArrayOf("text", orderNos.toArray()));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                paidAt.putIfAbsent(r.getString(1), System.currentTimeMillis() - since);
              }
            }
          } catch (Exception e) {
            // The database is down: look again.
          }
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "drill-paid-watch");
      thread.setDaemon(true);
      thread.start();
    }

    Map<String, Long> paidAfterStopMillis() {
      return new TreeMap<>(paidAt);
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(5000);
    }
  }
}

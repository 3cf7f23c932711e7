package cn.reportpost.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Residents ordering in a steady stream until stopped, each order on the next instance in turn,
 * each with an Idempotency-Key of its own. An order answered 201 is promised to the {@link Ledger}
 * (unpaid until the drill pays it); a key that was not answered 201 is kept, for the resident to
 * send again once the service is back, as a phone app would.
 */
public final class OrderLoad {

  public record Created(Phone phone, String key, String orderNo, int instance) {}

  public record Unanswered(Phone phone, String key) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Unanswered> unanswered = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  /** One thread per phone, each ordering every {@code pauseMillis}. */
  public OrderLoad(Cluster cluster, List<Phone> phones, Ledger ledger, String keyPrefix, long pauseMillis) {
    for (int t = 0; t < phones.size(); t++) {
      Phone phone = phones.get(t);
      String prefix = keyPrefix + "-" + t + "-";
      Thread thread = new Thread(() -> {
        for (int n = 0; running.get(); n++) {
          String key = prefix + n;
          int instance = n % cluster.size();
          ledger.keyUsed(phone.openid(), key);
          String orderNo = Phone.orderNo(phone.order(instance, key));
          if (orderNo == null) {
            unanswered.add(new Unanswered(phone, key));
          } else {
            created.add(new Created(phone, key, orderNo, instance));
            ledger.expect(orderNo, phone.openid(), Ledger.Outcome.UNPAID);
          }
          try {
            Thread.sleep(pauseMillis);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "drill-load-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Stops ordering and waits for the requests in flight. */
  public void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(60_000);
    }
  }

  public List<Created> created() {
    return new ArrayList<>(created);
  }

  public List<Unanswered> unanswered() {
    return new ArrayList<>(unanswered);
  }
}

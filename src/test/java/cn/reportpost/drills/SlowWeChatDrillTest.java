package cn.reportpost.drills;

import cn.reportpost.testing.Cluster;
import cn.reportpost.testing.Ledger;
import cn.reportpost.testing.Ledger.Outcome;
import cn.reportpost.testing.Phone;
import cn.reportpost.testing.Requests;
import cn.reportpost.testing.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat answering slowly (every Pay and official-account call takes 2 s, within the 5 s read
 * timeout) and failing now and then (500s on prepay, query, close and template sends; refunds
 * that time out), while two instances run their jobs: no message is sent twice, no payment is
 * lost, no refund is issued twice.
 */
@Tag("drill")
class SlowWeChatDrillTest {

  private static final int RESIDENTS = 10;
  private static final int ORDERS = 20;
  private static final long SLOW_MILLIS = 2000;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aSlowAndFailingWeChatNeitherLosesPaymentsNorDoublesMessagesOrRefunds() throws Exception {
    // A timed-out call is dropped by the sandbox 1 s after the product gave up on it, never carried out.
    try (Cluster cluster = Cluster.start(2, Map.of("dev.sandbox.timeoutFaultMillis", 6000))) {
      Requests requests = new Requests();
      Ledger ledger = new Ledger();
      Sandbox wechat = cluster.sandbox();
      List<Phone> phones = new ArrayList<>();
      for (int r = 0; r < RESIDENTS; r++) {
        phones.add(Phone.signIn(cluster, requests, r % 2, "oDrillSlow" + r));
      }
      wechat.slow("/v3/", SLOW_MILLIS, 1_000_000);
      wechat.slow("/cgi-bin/", SLOW_MILLIS, 1_000_000);
      wechat.fault("/v3/pay/transactions/jsapi", "http500", 3);
      wechat.fault("/v3/pay/transactions/out-trade-no", "http500", 6);
      wechat.fault("/v3/refund/domestic/refunds", "timeout", 2);
      wechat.fault("/cgi-bin/message/template/send", "http500", 5);
      long faultsOn = requests.elapsed();

      ExecutorService pool = Executors.newFixedThreadPool(RESIDENTS);
      List<Future<?>> runs = new ArrayList<>();
      for (int k = 0; k < ORDERS; k++) {
        int order = k;
        runs.add(pool.submit(() -> {
          place(phones.get(order % RESIDENTS), wechat, ledger, order);
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long loadMillis = requests.elapsed() - faultsOn;
      Ledger.Books books = ledger.await(cluster, Duration.ofSeconds(90));
      long settledMillis = requests.elapsed() - faultsOn - loadMillis;

      Map<String, Integer> queries = wechat.callsPerOrder("GET", "/out-trade-no/");
      System.out.printf("DRILL slow WeChat: %d orders (%d paid, %d refunded) with every WeChat call taking %d ms;"
              + " load %d ms, books settled %d ms after; queries per order %s; WeChat calls %s; requests %s;"
              + " disagreements %s%n",
          ledger.size(), ledger.count(Outcome.PAID), ledger.count(Outcome.REFUNDED), SLOW_MILLIS, loadMillis, settledMillis,
          queries.values(), wechat.calls(), requests.summary(a -> true), books.problems());
      Ledger.assertAgree(books);
    }
  }

  /** Order {@code k}: created on one instance, paid through the other (again if WeChat failed), then one of four endings. */
  private static void place(Phone phone, Sandbox wechat, Ledger ledger, int k) throws InterruptedException {
    int at = k % 2;
    String key = "drill-slow-" + k;
    ledger.keyUsed(phone.openid(), key);
    Requests.Answer created = phone.order(at, key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = Phone.orderNo(created);
    Requests.Answer prepay = phone.prepay(1 - at, orderNo);
    // WeChat failed the prepay (a fault, or slow past the product's deadline): the resident taps pay
    // again, as often as a person would; which order meets the injected faults is up to scheduling.
    for (int tap = 0; prepay.status() != 200 && tap < 4; tap++) {
      prepay = phone.prepay((at + tap) % 2, orderNo);
    }
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    switch (k % 4) {
      case 0 -> wechat.pay(orderNo, "?notify=false");
      case 1 -> wechat.pay(orderNo, "?times=2");
      case 2 -> {
        wechat.pay(orderNo, "");
        assertThat(phone.awaitStatus(at, orderNo, "PAID", Duration.ofSeconds(60))).as(orderNo + " paid").isTrue();
        Requests.Answer cancelled = phone.cancel(at, orderNo);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
      }
      default -> wechat.pay(orderNo, "");
    }
    ledger.expect(orderNo, phone.openid(), k % 4 == 2 ? Outcome.REFUNDED : Outcome.PAID);
  }
}

package cn.reportpost.order;

import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.jobs.Job;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PiiCipherException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Brings every order's personal fields under the current key, sealed with their column and row:
 * values written before sealing (legacy), and values of a retired key after a rotation. It also
 * fills the lookup hashes of rows that lack them. One pass is one batch in one transaction, its
 * orders locked with SKIP LOCKED, so several instances share the work and new orders (written
 * under the current key) are never touched; it resumes wherever it stopped, since the rows still
 * to do are simply those not yet under the current key.
 */
public final class PersonalDataReseal implements Job {

  private static final Logger log = LoggerFactory.getLogger(PersonalDataReseal.class);

  private final Vertx vertx;
  private final PersonalDataRepository repository;
  private final PersonalData personal;
  private final int batchSize;
  /** Orders of this instance whose fields did not open (altered, or moved): left for a person to look at. */
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
  /**
   * When a pass last found nothing to do: new rows are written under the current key, so the
   * table is scanned again only after {@link #RECHECK_NANOS} (another instance may have died
   * holding a batch), not on every tick.
   */
  private volatile long caughtUpAt = Long.MIN_VALUE;
  private static final long RECHECK_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);

  PersonalDataReseal(Vertx vertx, PersonalDataRepository repository, PersonalData personal, int batchSize) {
    this.vertx = vertx;
    this.repository = repository;
    this.personal = personal;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return "personal-data-reseal";
  }

  /**
   * Re-seals one batch; answers how many orders it worked on, those that did not open included
   * (0: nothing left that this instance can do).
   */
  @Override
  public Future<Integer> runOnce() {
    if (caughtUpAt != Long.MIN_VALUE && System.nanoTime() - caughtUpAt < RECHECK_NANOS) {
      return Future.succeededFuture(0);
    }
    return pass();
  }

  /**
   * One batch, whether or not the job caught up before (the command's loop). The decrypting and
   * encrypting runs on a worker thread: a batch is too much work for an event loop.
   */
  Future<Integer> pass() {
    return repository.pool().withTransaction(tx -> repository.claimForReseal(tx, personal.currentSealPrefix(),
        List.copyOf(personal.keyIds()), List.copyOf(unreadable), batchSize).compose(orders -> {
          caughtUpAt = orders.isEmpty() ? System.nanoTime() : Long.MIN_VALUE;
          if (orders.isEmpty()) {
            return Future.succeededFuture(0);
          }
          return vertx.executeBlocking(() -> resealAll(orders), false)
              .compose(rows -> repository.saveResealed(tx, rows)).map(orders.size());
        }));
  }

  private List<Tuple> resealAll(List<StoredOrder> orders) {
    List<Tuple> rows = new ArrayList<>();
    for (StoredOrder o : orders) {
      try {
        rows.add(resealed(o));
      } catch (PiiCipherException e) {
        unreadable.add(o.orderNo());
        log.error("order {} holds a personal field that does not open ({}); left as it is", o.orderNo(),
            e.getMessage());
      }
    }
    log.info("re-sealing the personal data of {} order(s) under key {}", rows.size(), personal.currentKeyId());
    return rows;
  }

  private Tuple resealed(StoredOrder o) {
    List<Object> values = new ArrayList<>();
    values.add(o.orderNo());
    String[] plain = new String[PersonalColumn.values().length];
    for (PersonalColumn c : PersonalColumn.values()) {
      plain[c.ordinal()] = o.open(c, personal);
      values.add(c.seal(personal, o.orderNo(), plain[c.ordinal()]));
    }
    String name = plain[PersonalColumn.PATIENT_NAME.ordinal()];
    String patientPhone = plain[PersonalColumn.PATIENT_PHONE.ordinal()];
    String recipientPhone = plain[PersonalColumn.RECIPIENT_PHONE.ordinal()];
    values.add(name == null ? null : personal.nameHash(name));
    values.add(patientPhone == null ? null : personal.phoneTailHash(patientPhone));
    values.add(recipientPhone == null ? null : personal.phoneTailHash(recipientPhone));
    return Tuple.from(values);
  }

  /** How many orders this instance found holding a value that does not open. */
  int unreadable() {
    return unreadable.size();
  }

  /** How many orders are not yet under the current key (or lack a lookup hash). */
  public Future<Long> remaining() {
    return repository.countNeedingReseal(personal.currentSealPrefix());
  }

  /**
   * Fails with an {@link InvalidSettingException} naming the key and how many orders need it when
   * stored values use a key that is neither current nor in PII_OLD_KEYS: started so, the service
   * could not open those orders, and a rotation could never finish.
   */
  public Future<Void> verifyKeys() {
    return repository.ordersUnderOtherKeys(List.copyOf(personal.keyIds())).compose(missing -> missing.isEmpty()
        ? Future.succeededFuture() : Future.failedFuture(new InvalidSettingException(describe(missing))));
  }

  static String describe(Map<String, Long> missing) {
    return missing.entrySet().stream().map(e -> e.getValue() + " order(s) still need PII key " + e.getKey())
        .collect(Collectors.joining("; "))
        + ", which is not configured: put it back in PII_OLD_KEYS (id:base64), run `reportpost rotate-pii`,"
        + " and remove it only when that reports nothing left";
  }
}

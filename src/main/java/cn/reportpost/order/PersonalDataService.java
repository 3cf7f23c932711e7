package cn.reportpost.order;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.Actor;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.jobs.Job;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.IdDocuments;
import cn.reportpost.order.model.MobilePhones;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.WaybillNumber;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.resident.Resident;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Orders' personal data over its life: erased once the order has ended and the retention period
 * is over (or the resident asks), re-sealed under the current key, and found by the keyed hashes
 * (customer service) without decrypting anything.
 */
public final class PersonalDataService {

  private static final Logger log = LoggerFactory.getLogger(PersonalDataService.class);
  /** The timeline note of an erasure. */
  public static final String ERASED_NOTE = "个人信息已按规定删除";
  private static final int SEARCH_LIMIT = 50;
  private static final int RETENTION_BATCH = 200;

  /** What a search looked up by: the phone and ID-number kinds are audited. */
  public enum SearchKind { ORDER_NO, WAYBILL, PHONE, ID_NUMBER }

  public record SearchResult(SearchKind kind, List<StoredOrder> orders) {}

  private final PersonalDataRepository repository;
  private final OrderRepository orders;
  private final OrderService service;
  private final PersonalData personal;
  private final Clock clock;
  private final int retentionDays;
  private final PersonalDataReseal reseal;
  private final Job retention = new Job() {
    @Override
    public String name() {
      return "personal-data-retention";
    }

    @Override
    public Future<Integer> runOnce() {
      return eraseExpired();
    }
  };

  PersonalDataService(Vertx vertx, PersonalDataRepository repository, OrderRepository orders, OrderService service,
      PersonalData personal, Clock clock, int retentionDays, int resealBatch) {
    this.repository = repository;
    this.orders = orders;
    this.service = service;
    this.personal = personal;
    this.clock = clock;
    this.retentionDays = retentionDays;
    this.reseal = new PersonalDataReseal(vertx, repository, personal, resealBatch);
  }

  /** The batch job that brings older rows under the current key and fills missing lookup hashes. */
  public PersonalDataReseal reseal() {
    return reseal;
  }

  /** The hourly job that erases the personal fields of orders ended more than the retention period ago. */
  public Job retention() {
    return retention;
  }

  public PersonalData personalData() {
    return personal;
  }

  /**
   * Erases, in batches until none is left, the personal fields of every order that ended more than
   * {@code privacy.retentionDays} ago (by its last transition); answers how many. Idempotent: an
   * erased order is not looked at again.
   */
  Future<Integer> eraseExpired() {
    Actor system = new Actor("retention", "SYSTEM", "");
    return repository.pool().withTransaction(tx -> repository.claimExpired(tx, retentionDays, RETENTION_BATCH)
            .compose(expired -> repository.erase(tx, expired, no -> erasure(ActorRole.SYSTEM, "retention", no)))
            .compose(erased -> AuditLog.record(tx, system, "pii.erase", erased,
                "retention: ended more than " + retentionDays + " days ago").map(erased.size())))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("erased the personal data of {} ended order(s) past the retention of {} days", n, retentionDays);
          }
        })
        .compose(n -> n == RETENTION_BATCH ? eraseExpired().map(more -> n + more) : Future.succeededFuture(n));
  }

  /**
   * The resident erases their ended order's personal data now; erasing twice is harmless. An order
   * that has not ended is a 409: it still needs the address.
   */
  public Future<JsonObject> eraseForResident(Resident resident, String orderNo, String address) {
    return service.owned(resident, orderNo).compose(order -> {
      if (order.personalDataErased()) {
        return Future.succeededFuture();
      }
      if (!PersonalDataRepository.ENDED.contains(order.status().name())) {
        return Future.failedFuture(new ProblemException(409, "Order not ended",
            "订单尚未结束（" + order.status().name() + "），结束后才能删除个人信息"));
      }
      return repository.pool().withTransaction(tx -> repository.erase(tx, List.of(orderNo),
              no -> erasure(ActorRole.RESIDENT, Long.toString(resident.id()), no))
          .compose(erased -> AuditLog.record(tx, new Actor("resident:" + resident.id(), "RESIDENT", address),
              "pii.erase", erased, "the resident asked")));
    }).compose(v -> service.detail(resident, orderNo));
  }

  private OrderEvent erasure(ActorRole role, String actorId, String orderNo) {
    return new OrderEvent(role, actorId, OffsetDateTime.now(clock), "", ERASED_NOTE, "erase:" + orderNo);
  }

  /**
   * Orders by order number, waybill number, full mobile number (patient's or recipient's) or ID
   * number; phones and ID numbers through their keyed hashes, so nothing is decrypted to search.
   */
  public Future<SearchResult> search(String query) {
    String q = query.strip();
    Optional<String> phone = MobilePhones.normalise(q);
    if (phone.isPresent()) {
      return repository.byPersonalHash(personal.hash(phone.get()), false, SEARCH_LIMIT)
          .map(found -> new SearchResult(SearchKind.PHONE, found));
    }
    String orderNo = OrderNumber.normalise(q);
    Future<Optional<StoredOrder>> byNumber = OrderNumber.isWellFormed(orderNo) ? orders.find(orderNo)
        : Future.succeededFuture(Optional.empty());
    return byNumber.compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(new SearchResult(SearchKind.ORDER_NO, List.of(found.get())));
      }
      String waybill = WaybillNumber.normalise(q);
      Future<Optional<StoredOrder>> byWaybill = WaybillNumber.isValid(waybill) ? orders.byWaybill(waybill)
          : Future.succeededFuture(Optional.empty());
      return byWaybill.compose(w -> w.isPresent()
          ? Future.succeededFuture(new SearchResult(SearchKind.WAYBILL, List.of(w.get())))
          : repository.byPersonalHash(personal.hash(IdDocuments.normalise(q)), true, SEARCH_LIMIT)
              .map(list -> new SearchResult(SearchKind.ID_NUMBER, list)));
    });
  }
}

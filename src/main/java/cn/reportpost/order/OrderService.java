package cn.reportpost.order;

import cn.reportpost.audit.Actor;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.Site;
import cn.reportpost.api.BodyReader;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderDraft;
import cn.reportpost.order.model.OrderDraftValidator;
import cn.reportpost.order.model.OrderNumberGenerator;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.order.model.Recipient;
import cn.reportpost.order.model.Validated;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.resident.Resident;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What a resident does with their orders: create, read, cancel, change where it goes. */
public final class OrderService {

  private static final int LIST_LIMIT = 50;
  private static final int NUMBER_ATTEMPTS = 5;
  /** The statuses of an order still under way: a second such order for one patient and date is a likely duplicate. */
  private static final List<String> OPEN_STATUSES =
      Arrays.stream(OrderStatus.values()).filter(OrderStateMachine::isOpen).map(Enum::name).toList();

  private final OrderRepository repository;
  private final OrderTransitions transitions;
  private final Catalog catalog;
  private final PersonalData personal;
  private final OrderDraftValidator validator;
  private final OrderNumberGenerator numbers;
  private final CarrierTrail carrierTrail;
  private final Clock clock;
  private final AuditLog audit;

  public OrderService(OrderRepository repository, OrderTransitions transitions, Catalog catalog, PersonalData personal,
      OrderDraftValidator validator, OrderNumberGenerator numbers, CarrierTrail carrierTrail, Clock clock, AuditLog audit) {
    this.repository = repository;
    this.transitions = transitions;
    this.catalog = catalog;
    this.personal = personal;
    this.validator = validator;
    this.numbers = numbers;
    this.carrierTrail = carrierTrail;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Creates the order, or answers the one made before under the same idempotency key and body.
   * {@code admitNewOrder} runs only when a new order is about to be made (the rate limit): a
   * repeated request is answered without it.
   */
  public Future<JsonObject> create(Resident resident, JsonObject body, String idempotencyKey,
      Supplier<Future<Void>> admitNewOrder) {
    Validated<OrderDraft> validated = validator.validate(body.getMap());
    if (!validated.isValid()) {
      return Future.failedFuture(ProblemException.invalid(validated.errors()));
    }
    OrderDraft draft = validated.value();
    BodyReader flags = new BodyReader();
    boolean confirmed = Boolean.TRUE.equals(flags.bool(body.getMap(), "confirmDuplicate", "confirmDuplicate", false));
    if (!flags.errors().isEmpty()) {
      return Future.failedFuture(ProblemException.invalid(flags.errors()));
    }
    // Keyed, over the validated draft: the same order in another key order or spacing is the same request.
    String requestHash = personal.hash(draft.toString());
    return catalog.snapshot().compose(snapshot -> {
      Optional<Site> site = snapshot.site(draft.siteCode());
      if (site.isEmpty()) {
        return Future.failedFuture(ProblemException.invalid("siteCode", "no test site has code " + draft.siteCode()));
      }
      if (!site.get().accepting()) {
        return Future.failedFuture(ProblemException.invalid("siteCode", "this test site is not taking orders now"));
      }
      int amount = draft.recipient().inShanxi() ? site.get().feeFen() : site.get().outOfProvinceFeeFen();
      Future<Optional<StoredOrder>> before = idempotencyKey == null ? Future.succeededFuture(Optional.empty())
          : repository.findByIdempotencyKey(resident.id(), idempotencyKey);
      return before.compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
              : notADuplicate(resident, draft, confirmed, snapshot).compose(v -> admitNewOrder.get())
                  .compose(v -> insert(resident, draft, amount, idempotencyKey, requestHash, 1)))
          .map(order -> {
            if (!order.requestHash().equals(requestHash)) {
              throw new ProblemException(422, "Idempotency key reused",
                  "this Idempotency-Key was already used for a different order; use a new key for a new order");
            }
            return OrderViews.summary(order, snapshot, personal);
          });
    });
  }

  /**
   * A second open order for the same patient and sample date is refused (409, type
   * duplicate-order, naming the open one) unless the resident confirmed they mean it.
   */
  private Future<Void> notADuplicate(Resident resident, OrderDraft draft, boolean confirmed, Catalog.Snapshot snapshot) {
    if (confirmed) {
      return Future.succeededFuture();
    }
    return repository.openFor(resident.id(), personal.hash(draft.patient().idNumber()), draft.sampledOn(), OPEN_STATUSES)
        .compose(orders -> orders.isEmpty() ? Future.succeededFuture()
            : Future.failedFuture(ProblemException.typed(409, "duplicate-order", "Duplicate order",
                "这位就诊人同一采样日期已有订单 " + orders.get(0).orderNo() + "，确认还要再下一单吗？",
                Map.of("existingOrder", OrderViews.summary(orders.get(0), snapshot, personal).getMap()))));
  }

  private Future<StoredOrder> insert(Resident resident, OrderDraft d, int amount, String key, String requestHash,
      int attempt) {
    String orderNo = numbers.next();
    Recipient r = d.recipient();
    NewOrder order = new NewOrder(orderNo, resident.id(), d.siteCode(), amount,
        PersonalColumn.PATIENT_NAME.seal(personal, orderNo, d.patient().name()), d.patient().idType().name(),
        PersonalColumn.PATIENT_ID_NUMBER.seal(personal, orderNo, d.patient().idNumber()),
        personal.hash(d.patient().idNumber()), PersonalColumn.PATIENT_PHONE.seal(personal, orderNo, d.patient().phone()),
        personal.hash(d.patient().phone()), d.sampledOn(), PersonalColumn.RECIPIENT_NAME.seal(personal, orderNo, r.name()),
        PersonalColumn.RECIPIENT_PHONE.seal(personal, orderNo, r.phone()), personal.hash(r.phone()), r.province(),
        r.city(), r.district(), PersonalColumn.RECIPIENT_ADDRESS.seal(personal, orderNo, r.address()), d.copies(), d.remark(), key, requestHash, personal.nameHash(d.patient().name()),
        personal.phoneTailHash(d.patient().phone()), personal.phoneTailHash(r.phone()), r.provinceCode(), r.cityCode(),
        r.districtCode());
    OrderEvent created = new OrderEvent(ActorRole.RESIDENT, Long.toString(resident.id()), OffsetDateTime.now(clock),
        "", "已下单", "create:" + orderNo);
    return repository.insert(order, created).compose(saved -> {
      if (saved.isPresent()) {
        return Future.succeededFuture(saved.get());
      }
      if (attempt >= NUMBER_ATTEMPTS) {
        return Future.failedFuture(new IllegalStateException("could not draw a free order number"));
      }
      return insert(resident, d, amount, key, requestHash, attempt + 1);
    });
  }

  public Future<List<JsonObject>> list(Resident resident) {
    return catalog.snapshot().compose(snapshot -> repository.forResident(resident.id(), LIST_LIMIT)
        .map(orders -> orders.stream().map(o -> OrderViews.summary(o, snapshot, personal)).toList()));
  }

  /** The resident's own order, whole; another resident's order does not exist for them. */
  public Future<StoredOrder> owned(Resident resident, String orderNo) {
    return repository.find(orderNo).compose(found -> found.isPresent() && found.get().residentId() == resident.id()
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(ProblemException.notFound("you have no order " + orderNo)));
  }

  public Future<JsonObject> detail(Resident resident, String orderNo) {
    return owned(resident, orderNo).compose(order -> {
      Future<List<TimelineEntry>> timeline = repository.timeline(orderNo);
      Future<List<CarrierTrail.Scan>> trail = carrierTrail.of(orderNo);
      return Future.all(catalog.snapshot(), timeline, trail).map(all -> OrderViews.detail(order, all.resultAt(0),
          order.personal(personal), timeline.result(), trail.result()));
    });
  }

  /** PENDING_PAYMENT becomes CANCELLED; PAID and READY become REFUNDING. Answers the new status and the order. */
  public Future<OrderTransitions.Outcome> cancel(Resident resident, String orderNo) {
    return owned(resident, orderNo).compose(order -> order.reshipCount() > 0
        // A reship is sent free after an after-sales case; cancelling it would refund a report
        // already paid for and sent once. A refund of it is decided in after-sales.
        ? Future.failedFuture(new ProblemException(409, "Reship not cancellable",
            "这是售后补寄的订单，不能自行取消；如需退款，请在订单页提交售后申请"))
        : transitions.apply(orderNo,
            current -> OrderStateMachine.residentCancel(current.status()),
            new OrderEvent(ActorRole.RESIDENT, Long.toString(resident.id()), OffsetDateTime.now(clock), "",
                "居民取消订单", "cancel:" + orderNo),
            OrderColumns.firstRefundReason("居民取消订单")));
  }

  /** Changes where the report goes, until it is posted; a change that would alter the fee is refused. */
  public Future<JsonObject> changeRecipient(Resident resident, String orderNo, JsonObject body, Actor actor) {
    Validated<Recipient> validated = validator.validateRecipient(body.getMap());
    if (!validated.isValid()) {
      return Future.failedFuture(ProblemException.invalid(validated.errors()));
    }
    Recipient r = validated.value();
    return owned(resident, orderNo).compose(order -> {
      if (!OrderStateMachine.recipientMayChange(order.status())) {
        return Future.failedFuture(ProblemException.conflict("the report was already posted; the address can no longer change"));
      }
      return catalog.snapshot().compose(snapshot -> {
        Site site = snapshot.site(order.siteCode()).orElseThrow();
        int amount = r.inShanxi() ? site.feeFen() : site.outOfProvinceFeeFen();
        if (amount != order.amountFen()) {
          return Future.failedFuture(ProblemException.invalid("province",
              "moving the address into or out of Shanxi changes the fee; cancel and order again"));
        }
        List<String> open = Arrays.stream(OrderStatus.values()).filter(OrderStateMachine::recipientMayChange).map(Enum::name).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OrderEvent changed = new OrderEvent(ActorRole.RESIDENT, Long.toString(resident.id()), now, "",
            "收件地址已变更，需重新打印标签", "recipient:" + orderNo + ":" + now.toInstant().toEpochMilli());
        return repository.changeRecipient(orderNo, open, PersonalColumn.RECIPIENT_NAME.seal(personal, orderNo, r.name()),
            PersonalColumn.RECIPIENT_PHONE.seal(personal, orderNo, r.phone()), personal.hash(r.phone()),
            personal.phoneTailHash(r.phone()), r.province(), r.city(), r.district(), r.provinceCode(), r.cityCode(),
            r.districtCode(), PersonalColumn.RECIPIENT_ADDRESS.seal(personal, orderNo, r.address()), amount, changed);
      }).compose(change -> switch (change) {
        case REFUSED -> Future.failedFuture(
            ProblemException.conflict("the report was already posted; the address can no longer change"));
        case CHANGED -> detail(resident, orderNo);
        // The site must print the envelope again: the audit trail keeps who changed it after packing.
        case REPRINT_NEEDED -> audit.record(actor, "order.recipient-changed", orderNo, "after packing: label to reprint")
            .compose(v -> detail(resident, orderNo));
      });
    });
  }
}

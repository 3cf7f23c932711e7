package cn.reportpost.order;

import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The carrier's own scans of an order's parcel (collected, sealed and dispatched, arrived, out for
 * delivery, signed for), kept by carrier tracking, for the resident's order page. Without tracking
 * an order has none.
 */
public interface CarrierTrail {

  /** One scan: when, what the carrier wrote, and where. */
  record Scan(OffsetDateTime at, String context, String areaName) {}

  CarrierTrail NONE = orderNo -> Future.succeededFuture(List.of());

  /** The scans of the order's parcel, newest first. */
  Future<List<Scan>> of(String orderNo);
}

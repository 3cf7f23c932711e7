package cn.reportpost.tracking;

import cn.reportpost.order.model.OrderStatus;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One scan of the carrier's network, as a push carries it and as it is kept for the trail.
 *
 * @param key  the scan's identity within its parcel (time and words): every push repeats the whole trail
 * @param code Kuaidi100's state code for the scan (see {@link CarrierStates})
 */
record CarrierScan(String key, OffsetDateTime at, String context, String areaName, String code) {

  /** The order stage this scan reports, if any. */
  Optional<OrderStatus> stage() {
    return CarrierStates.stage(code);
  }

  boolean problem() {
    return CarrierStates.problem(code);
  }
}

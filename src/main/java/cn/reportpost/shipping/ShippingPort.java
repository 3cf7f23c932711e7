package cn.reportpost.shipping;

import io.vertx.core.Future;

import java.time.OffsetDateTime;

/** What the shipping tasks need of WeChat's mini-program order shipping API. */
public interface ShippingPort {

  /** Whether WeChat manages the mini-program's trades and so wants their shipping information. */
  Future<Boolean> tradeManaged();

  /** WeChat's shipping state of the payment: 1 waiting, 2 shipped, 3 receipt confirmed, 4 completed, 5 refunded. */
  Future<Integer> state(String orderNo);

  /** The parcel of {@code orderNo} went out with this EMS waybill. */
  Future<Void> shipped(String orderNo, String payerOpenid, String waybillNo, String itemDescription, OffsetDateTime at);

  /** The parcel of {@code orderNo} was delivered at {@code at}: WeChat reminds the payer to confirm receipt. */
  Future<Void> delivered(String orderNo, OffsetDateTime at);
}

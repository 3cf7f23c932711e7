package cn.reportpost.wechat;

import cn.reportpost.shipping.ShippingPort;
import io.vertx.core.Future;

import java.time.OffsetDateTime;

/**
 * The mini-program's order shipping API for the merchant's own payments: orders are named by
 * merchant id and out_trade_no (our order number), so no WeChat transaction id is needed.
 */
public final class MaShipping implements ShippingPort {

  /** WeChat's code for China Post EMS in its list of express companies. */
  static final String EMS = "EMS";

  private final MaApi ma;
  private final String mchId;

  public MaShipping(MaApi ma, String mchId) {
    this.ma = ma;
    this.mchId = mchId;
  }

  @Override
  public Future<Boolean> tradeManaged() {
    return ma.tradeManaged();
  }

  @Override
  public Future<Integer> state(String orderNo) {
    return ma.shippingState(mchId, orderNo);
  }

  @Override
  public Future<Void> shipped(String orderNo, String payerOpenid, String waybillNo, String itemDescription,
      OffsetDateTime at) {
    return ma.uploadShipping(mchId, orderNo, payerOpenid, EMS, waybillNo, itemDescription, at);
  }

  @Override
  public Future<Void> delivered(String orderNo, OffsetDateTime at) {
    return ma.remindToConfirmReceipt(mchId, orderNo, at);
  }
}

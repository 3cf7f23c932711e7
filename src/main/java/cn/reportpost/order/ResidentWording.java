package cn.reportpost.order;

import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Each step of an order's history as a resident would say it: what happened to their report, not
 * which mechanism noticed it (a payment notify, a scan) and never an internal number (a handover
 * batch). The waybill number is the resident's own, so it stays.
 */
final class ResidentWording {

  record Step(String title, String detail) {}

  private static final Map<OrderStatus, Step> STEPS = new EnumMap<>(Map.ofEntries(
      Map.entry(OrderStatus.PENDING_PAYMENT, new Step("已下单", "")),
      Map.entry(OrderStatus.PAID, new Step("已支付", "报告出来后，采样点会打包交给邮政")),
      Map.entry(OrderStatus.READY, new Step("报告已打包", "采样点已打包好报告，等待交给邮政")),
      Map.entry(OrderStatus.HANDED_OVER, new Step("已交邮政", "邮政已收到报告，正在安排寄出")),
      Map.entry(OrderStatus.POSTED, new Step("已寄出 EMS", "")),
      Map.entry(OrderStatus.IN_TRANSIT, new Step("运输中", "")),
      Map.entry(OrderStatus.OUT_FOR_DELIVERY, new Step("派送中", "快递员正在派送，请保持电话畅通")),
      Map.entry(OrderStatus.DELIVERED, new Step("已签收", "")),
      Map.entry(OrderStatus.DELIVERY_FAILED, new Step("投递未成功", "邮政会再次派送或联系您")),
      Map.entry(OrderStatus.RETURNED, new Step("报告已退回", "请联系采样点或客服")),
      Map.entry(OrderStatus.CANCELLED, new Step("已取消", "")),
      Map.entry(OrderStatus.CLOSED, new Step("订单已关闭", "未在规定时间内支付")),
      Map.entry(OrderStatus.REFUNDING, new Step("退款中", "款项将原路退回")),
      Map.entry(OrderStatus.REFUNDED, new Step("已退款", "款项已原路退回"))));

  private ResidentWording() {}

  static Step of(TimelineEntry entry, String waybillNo) {
    OrderStatus to = OrderStatus.valueOf(entry.to());
    Step step = STEPS.get(to);
    String detail = switch (to) {
      case POSTED -> waybillNo == null ? "" : "运单号 " + waybillNo;
      case CANCELLED -> ActorRole.RESIDENT.name().equals(entry.actorRole()) ? "您取消了订单" : "订单已取消";
      // Where the report is, and a courier's own words; a carrier's note tells how its scan was read.
      case IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED -> Stream.concat(Stream.of(entry.location()),
              ActorRole.COURIER.name().equals(entry.actorRole()) ? Stream.of(entry.note()) : Stream.of(step.detail()))
          .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" · "));
      default -> step.detail();
    };
    return new Step(step.title(), detail);
  }
}

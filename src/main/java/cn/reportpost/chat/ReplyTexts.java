package cn.reportpost.chat;

import cn.reportpost.order.OrderSummary;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.TimelineEntry;
import cn.reportpost.order.model.OrderStatus;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The words of the order answers, in the Chinese residents see on every other page. */
public final class ReplyTexts {

  public static final String NOT_FOUND = "没有找到该订单。请核对订单号或运单号；如有疑问请回复“人工”。";
  public static final String NO_ORDERS = "您还没有订单。";

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

  private ReplyTexts() {}

  /** The newest orders, one line each. */
  public static String latest(List<OrderSummary> orders, String moreUrl) {
    if (orders.isEmpty()) {
      return NO_ORDERS;
    }
    StringBuilder s = new StringBuilder("您最近的订单：");
    for (OrderSummary o : orders) {
      s.append('\n').append(o.orderNo()).append(' ').append(o.status().label());
      if (o.waybillNo() != null) {
        s.append("（运单号 ").append(o.waybillNo()).append('）');
      }
    }
    return s.append("\n全部订单：").append(moreUrl).toString();
  }

  /** One order with its latest timeline entry. */
  public static String status(StoredOrder o, List<TimelineEntry> timeline) {
    StringBuilder s = new StringBuilder("订单 ").append(o.orderNo()).append("：").append(o.status().label());
    if (o.waybillNo() != null) {
      s.append("\n运单号：").append(o.waybillNo());
    }
    if (!timeline.isEmpty()) {
      TimelineEntry last = timeline.get(timeline.size() - 1);
      s.append("\n最新进展：").append(WHEN.format(last.at().atZoneSameInstant(CHINA))).append(' ')
          .append(labelOf(last.to()));
      if (last.location() != null && !last.location().isBlank()) {
        s.append(" · ").append(last.location());
      }
      if (last.note() != null && !last.note().isBlank()) {
        s.append(" · ").append(last.note());
      }
    }
    return s.toString();
  }

  private static String labelOf(String status) {
    try {
      return OrderStatus.valueOf(status).label();
    } catch (IllegalArgumentException | NullPointerException e) {
      return String.valueOf(status);
    }
  }
}

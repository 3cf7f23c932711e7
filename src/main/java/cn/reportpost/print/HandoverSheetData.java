package cn.reportpost.print;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One handover batch as printed on the sheet that site staff and courier both sign. */
public record HandoverSheetData(String handoverNo, String siteCode, String siteName, Instant createdAt,
    List<Line> orders) {

  public HandoverSheetData {
    Objects.requireNonNull(handoverNo, "handoverNo");
    Objects.requireNonNull(siteCode, "siteCode");
    Objects.requireNonNull(siteName, "siteName");
    Objects.requireNonNull(createdAt, "createdAt");
    orders = List.copyOf(orders);
    if (orders.isEmpty()) {
      throw new IllegalArgumentException("a handover sheet needs at least one order");
    }
  }

  /** One envelope handed over. */
  public record Line(String orderNo, String recipientName, String city, int copies) {
    public Line {
      Objects.requireNonNull(orderNo, "orderNo");
      Objects.requireNonNull(recipientName, "recipientName");
      Objects.requireNonNull(city, "city");
    }
  }

  public int totalCopies() {
    return orders.stream().mapToInt(Line::copies).sum();
  }
}

package cn.reportpost.handover;

import cn.reportpost.api.ProblemException;
import cn.reportpost.order.QueueQuery;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a staff list: where the last page ended (creation time to the
 * microsecond, then order number). Clients pass it back unchanged; its inside may change.
 */
final class QueueCursor {

  private QueueCursor() {}

  static String encode(QueueQuery.Position p) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((p.createdAt() + "|" + p.orderNo()).getBytes(StandardCharsets.UTF_8));
  }

  static QueueQuery.Position decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
      if (parts.length == 2 && !parts[1].isEmpty()) {
        return new QueueQuery.Position(OffsetDateTime.parse(parts[0]), parts[1]);
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // Falls through to the same answer as a cursor of the wrong shape.
    }
    throw ProblemException.invalid("cursor", "is not a cursor this list gave out; start again without it");
  }
}

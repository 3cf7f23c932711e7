package cn.reportpost.http;

import cn.reportpost.api.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a keyset-paged list ordered by (time, key): the last row's pair,
 * base64url-encoded. Clients pass back {@code nextCursor} as it came; anything else is a 400.
 */
public record PageCursor(OffsetDateTime at, String key) {

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor of a request's {@code cursor} parameter; null when there is none (the first page). */
  public static PageCursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      return new PageCursor(OffsetDateTime.parse(text.substring(0, bar)), text.substring(bar + 1));
    } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw ProblemException.invalid("cursor", "must be a nextCursor this service gave");
    }
  }

  public static OffsetDateTime at(PageCursor cursor) {
    return cursor == null ? null : cursor.at();
  }

  public static String key(PageCursor cursor) {
    return cursor == null ? null : cursor.key();
  }
}

package cn.reportpost.order;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One page of a staff list: the scope (one site, some cities, or the province when both are
 * null), an optional status, an optional search, and the position after which the page starts
 * (oldest first by creation time, then order number). Search hashes come from PersonalData.
 * Need to know narrows it further: {@code paidOnly} hides orders never paid (site staff),
 * {@code handedTo} keeps only orders this courier received.
 */
public record QueueQuery(String siteCode, List<String> cityCodes, String status, Search search, Position after,
    int limit, boolean paidOnly, String handedTo) {

  /** Where the previous page ended. */
  public record Position(OffsetDateTime createdAt, String orderNo) {}

  /** What the user typed, already turned into what the database can compare. */
  public sealed interface Search {}

  /** The start of an order number (or all of it). */
  public record OrderNoPrefix(String prefix) implements Search {}

  /** The keyed hash of a patient's name. */
  public record NameHash(String hash) implements Search {}

  /** The keyed hash of the last four digits of the patient's or the recipient's phone. */
  public record PhoneTailHash(String hash) implements Search {}
}

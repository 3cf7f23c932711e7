package cn.reportpost.chat;

/** What the bot decided to do with one message, before any lookup. */
public sealed interface Decision {

  /**
   * Whether the reply needs the resident's orders. Such an answer may be late and then goes out
   * as a customer-service message, which must happen once: WeChat's retries of these messages are
   * recognised and not answered again. Every other reply is a function of the message alone (and
   * of cached settings), so a retry simply gets the same reply, which WeChat shows once.
   */
  default boolean readsOrders() {
    return this instanceof LatestOrders || this instanceof OrderStatus;
  }

  /** A fixed text answer: help, welcome, an ADMIN rule. */
  record Text(String content) implements Decision {}

  /** A poster was scanned: the card that opens the ordering page of this site. */
  record SiteCard(String siteCode) implements Decision {}

  /** The sender's latest orders with their status. */
  record LatestOrders() implements Decision {}

  /** One order, by order or waybill number, if it is the sender's. */
  record OrderStatus(String number) implements Decision {}

  /** Hand the conversation to a person (WeChat's customer-service system). */
  record Transfer() implements Decision {}

  /** Nothing to say (unsubscribe, location reports and other events). */
  record Silence() implements Decision {}
}

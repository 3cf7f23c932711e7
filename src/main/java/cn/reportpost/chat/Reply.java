package cn.reportpost.chat;

/** The bot's passive reply to one callback, before it is written as WeChat XML. */
public sealed interface Reply {

  record Text(String content) implements Reply {}

  /** A one-article news card; {@code picUrl} may be empty. */
  record News(String title, String description, String url, String picUrl) implements Reply {}

  /** WeChat hands the conversation to the customer-service staff. */
  record Transfer() implements Reply {}

  /** "success": WeChat shows nothing and does not retry. */
  record None() implements Reply {}
}

package cn.reportpost.chat;

/**
 * A user's message or event as the official-account callback carries it, free of WxJava so the
 * conversation rules run in a plain unit test. Absent fields are empty strings, never null.
 */
public record Incoming(String fromUser, String toUser, long createTime, String msgType, String content,
    String event, String eventKey, Long msgId) {

  public Incoming {
    fromUser = orEmpty(fromUser);
    toUser = orEmpty(toUser);
    msgType = orEmpty(msgType);
    content = orEmpty(content);
    event = orEmpty(event);
    eventKey = orEmpty(eventKey);
  }

  public static Incoming text(String from, String content) {
    return new Incoming(from, "gh_account", 0, "text", content, "", "", 1L);
  }

  public static Incoming event(String from, String event, String eventKey) {
    return new Incoming(from, "gh_account", 0, "event", "", event, eventKey, null);
  }

  /**
   * What identifies one delivery across WeChat's retries: the MsgId of a message, or sender,
   * CreateTime and Event for an event (events carry no MsgId). The EventKey is part of it too: a
   * retry carries the same one, while two menu clicks in one second do not.
   */
  public String dedupKey() {
    return msgId != null && msgId != 0 ? "msg:" + msgId : "event:" + fromUser + ":" + createTime + ":" + event + ":" + eventKey;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

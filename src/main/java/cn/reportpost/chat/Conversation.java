package cn.reportpost.chat;

import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.WaybillNumber;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chatbot's rules (issue 6): what a message or event asks for. Plain Java, no I/O; ADMIN's
 * keyword rules come first, then the built-in ones, and anything not understood gets the help text.
 */
public final class Conversation {

  public static final String MENU_MY_ORDERS = "MY_ORDERS";
  public static final String MENU_NEW_ORDER = "NEW_ORDER";
  public static final String MENU_HELP = "HELP";

  private static final Set<String> ORDER_WORDS = Set.of("查询", "进度", "订单", "我的订单");
  private static final Set<String> HUMAN_WORDS = Set.of("人工", "客服");
  private static final String SCENE_PREFIX = "qrscene_";

  private final String publicBaseUrl;
  /** The fixed answers, built once: every "帮助" would otherwise encode the same URL again. */
  private final String help;
  private final String welcome;
  private final String newOrder;

  public Conversation(String publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
    String order = orderingUrl(null);
    this.help = "您可以回复：\n“查询”：查看最近的订单进度\n订单号或运单号：查看该订单状态\n“人工”：转人工客服\n"
        + "申请邮寄报告：" + order;
    this.welcome = "欢迎关注 ReportPost 报告邮寄！在采样点扫码或点此在线申请，把检验报告寄到家：" + order
        + "\n回复“查询”看订单进度，回复“帮助”看更多。";
    this.newOrder = "请扫描采样点海报上的二维码选择采样点，或点此在线申请：" + order;
  }

  public Decision decide(Incoming in, List<KeywordRule> adminRules) {
    return switch (in.msgType()) {
      case "text" -> text(in.content(), adminRules);
      case "event" -> event(in.event(), in.eventKey());
      default -> new Decision.Text(help());
    };
  }

  private Decision text(String content, List<KeywordRule> adminRules) {
    String word = KeywordRule.normalise(content);
    Optional<String> ruled = KeywordRule.firstReply(adminRules, word);
    if (ruled.isPresent()) {
      return new Decision.Text(ruled.get());
    }
    if (ORDER_WORDS.contains(word)) {
      return new Decision.LatestOrders();
    }
    if (HUMAN_WORDS.contains(word)) {
      return new Decision.Transfer();
    }
    String orderNo = OrderNumber.normalise(content);
    if (OrderNumber.isWellFormed(orderNo)) {
      return new Decision.OrderStatus(orderNo);
    }
    String waybill = WaybillNumber.normalise(content);
    if (WaybillNumber.isValid(waybill)) {
      return new Decision.OrderStatus(waybill);
    }
    return new Decision.Text(help());
  }

  private Decision event(String event, String key) {
    switch (event.toLowerCase(java.util.Locale.ROOT)) {
      case "subscribe":
        // A subscribe through a parametric QR code carries qrscene_<scene>; a plain follow carries nothing.
        return key.startsWith(SCENE_PREFIX) && key.length() > SCENE_PREFIX.length()
            ? new Decision.SiteCard(key.substring(SCENE_PREFIX.length())) : new Decision.Text(welcome());
      case "scan":
        return key.isBlank() ? new Decision.Text(welcome()) : new Decision.SiteCard(key);
      case "click":
        return switch (key) {
          case MENU_MY_ORDERS -> new Decision.LatestOrders();
          case MENU_NEW_ORDER -> new Decision.Text(newOrder());
          default -> new Decision.Text(help());
        };
      default:
        return new Decision.Silence();
    }
  }

  /** Through OAuth, so the ordering page knows the resident; {@code next} is a relative path. */
  public String orderingUrl(String siteCode) {
    String next = siteCode == null ? "/h5/order" : "/h5/order?site=" + siteCode;
    return publicBaseUrl + "/wx/oauth/start?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }

  public String welcome() {
    return welcome;
  }

  public String newOrder() {
    return newOrder;
  }

  public String help() {
    return help;
  }
}

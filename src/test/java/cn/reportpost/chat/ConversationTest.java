package cn.reportpost.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The chatbot's rules as plain Java: what each message or event asks for. */
class ConversationTest {

  private final Conversation conversation = new Conversation("https://rp.example");

  private Decision text(String content, KeywordRule... rules) {
    return conversation.decide(Incoming.text("oU", content),
        Stream.of(rules).sorted(KeywordRule.ORDER).toList());
  }

  @Test
  void posterScanByFollowOrByScanOpensThatSitesOrderingPage() {
    assertThat(conversation.decide(Incoming.event("oU", "subscribe", "qrscene_TY001"), List.of()))
        .isEqualTo(new Decision.SiteCard("TY001"));
    assertThat(conversation.decide(Incoming.event("oU", "SCAN", "TY002"), List.of()))
        .isEqualTo(new Decision.SiteCard("TY002"));
    assertThat(conversation.orderingUrl("TY001"))
        .isEqualTo("https://rp.example/wx/oauth/start?next=%2Fh5%2Forder%3Fsite%3DTY001");
  }

  @Test
  void plainFollowIsWelcomedWithTheOrderingLink() {
    Decision d = conversation.decide(Incoming.event("oU", "subscribe", ""), List.of());
    assertThat(d).isInstanceOf(Decision.Text.class);
    assertThat(((Decision.Text) d).content()).contains("欢迎").contains(conversation.orderingUrl(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"查询", "进度", "订单", "我的订单", " 查询 "})
  void orderWordsAskForTheLatestOrders(String word) {
    assertThat(text(word)).isEqualTo(new Decision.LatestOrders());
  }

  @Test
  void orderAndWaybillNumbersAskForThatOrder() {
    assertThat(text("1234567890123")).isEqualTo(new Decision.OrderStatus("1234567890123"));
    assertThat(text("1234 5678 90123")).isEqualTo(new Decision.OrderStatus("1234567890123"));
    assertThat(text("RP26112")).isInstanceOf(Decision.Text.class);
  }

  @Test
  void humanWordsTransferAndEverythingElseGetsHelp() {
    assertThat(text("人工")).isEqualTo(new Decision.Transfer());
    assertThat(text("客服")).isEqualTo(new Decision.Transfer());
    assertThat(text("帮助")).isEqualTo(new Decision.Text(conversation.help()));
    assertThat(text("今天天气怎么样")).isEqualTo(new Decision.Text(conversation.help()));
    assertThat(conversation.decide(new Incoming("oU", "gh", 1, "image", "", "", "", 5L), List.of()))
        .isEqualTo(new Decision.Text(conversation.help()));
  }

  @Test
  void menuClicksMapToTheirAnswers() {
    assertThat(conversation.decide(Incoming.event("oU", "CLICK", "MY_ORDERS"), List.of())).isEqualTo(new Decision.LatestOrders());
    assertThat(conversation.decide(Incoming.event("oU", "CLICK", "NEW_ORDER"), List.of()))
        .isEqualTo(new Decision.Text(conversation.newOrder()));
    assertThat(conversation.decide(Incoming.event("oU", "CLICK", "HELP"), List.of()))
        .isEqualTo(new Decision.Text(conversation.help()));
    assertThat(conversation.decide(Incoming.event("oU", "unsubscribe", ""), List.of())).isEqualTo(new Decision.Silence());
  }

  @Test
  void adminRulesComeFirstByPriorityAndDisabledOnesAreIgnored() {
    KeywordRule low = new KeywordRule(1, "营业时间", KeywordRule.Match.CONTAINS, 1, "低", true);
    KeywordRule high = new KeywordRule(2, "时间", KeywordRule.Match.CONTAINS, 5, "高", true);
    KeywordRule off = new KeywordRule(3, "营业", KeywordRule.Match.CONTAINS, 9, "关", false);
    KeywordRule overridesBuiltIn = new KeywordRule(4, "查询", KeywordRule.Match.EXACT, 0, "系统维护中", true);
    assertThat(text("请问营业时间？", low, high, off)).isEqualTo(new Decision.Text("高"));
    assertThat(text("营业时间", low)).isEqualTo(new Decision.Text("低"));
    assertThat(text("营业", off)).isEqualTo(new Decision.Text(conversation.help()));
    assertThat(text("查询", overridesBuiltIn)).isEqualTo(new Decision.Text("系统维护中"));
    assertThat(text("查询一下", overridesBuiltIn)).isEqualTo(new Decision.Text(conversation.help()));
  }

  @Test
  void retriesShareADedupKeyAndDistinctMessagesDoNot() {
    Incoming event = new Incoming("oU", "gh", 1700000000, "event", "", "subscribe", "", null);
    assertThat(event.dedupKey()).isEqualTo(new Incoming("oU", "gh", 1700000000, "event", "", "subscribe", "", null).dedupKey());
    assertThat(event.dedupKey()).isNotEqualTo(new Incoming("oU", "gh", 1700000000, "event", "", "SCAN", "x", null).dedupKey());
    Incoming help = new Incoming("oU", "gh", 1700000000, "event", "", "CLICK", "HELP", null);
    assertThat(help.dedupKey()).isNotEqualTo(new Incoming("oU", "gh", 1700000000, "event", "", "CLICK", "NEW_ORDER", null).dedupKey());
    assertThat(new Incoming("oU", "gh", 1, "text", "a", "", "", 42L).dedupKey()).isEqualTo("msg:42");
  }
}

package cn.reportpost.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The official account's default menu: the three CLICK keys the bot answers, and the ordering page. */
final class MenuJson {

  private MenuJson() {}

  static JsonObject defaultMenu(String orderingUrl) {
    return new JsonObject().put("button", new JsonArray()
        .add(new JsonObject().put("type", "view").put("name", "邮寄报告").put("url", orderingUrl))
        .add(new JsonObject().put("name", "我的服务").put("sub_button", new JsonArray()
            .add(click("申请邮寄", Conversation.MENU_NEW_ORDER))
            .add(click("我的订单", Conversation.MENU_MY_ORDERS))
            .add(click("使用帮助", Conversation.MENU_HELP)))));
  }

  private static JsonObject click(String name, String key) {
    return new JsonObject().put("type", "click").put("name", name).put("key", key);
  }
}

package cn.reportpost.chat;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.order.Orders;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.resident.Residents;
import io.vertx.core.Future;

import java.util.Optional;

/** Turns the conversation's decision into a reply, doing the lookups it needs (catalog, orders). */
final class Answerer {

  static final int LATEST_ORDERS = 3;
  /** The news card's picture (see NewsCover), served by this feature. */
  static final String NEWS_COVER = "/h5/img/news-cover.png";

  private final Conversation conversation;
  private final KeywordRules rules;
  private final Catalog catalog;
  private final Residents residents;
  private final Orders orders;
  private final String ordersUrl;
  private final String coverUrl;

  Answerer(Conversation conversation, KeywordRules rules, Catalog catalog, Residents residents,
      Orders orders, String publicBaseUrl) {
    this.conversation = conversation;
    this.rules = rules;
    this.catalog = catalog;
    this.residents = residents;
    this.orders = orders;
    this.ordersUrl = publicBaseUrl + "/wx/oauth/start?next=%2Fh5%2Forders";
    this.coverUrl = publicBaseUrl + NEWS_COVER;
  }

  /** What the message asks for; ADMIN's rules come from the cache (a read on the first message only). */
  Future<Decision> decide(Incoming in) {
    return rules.current().map(adminRules -> conversation.decide(in, adminRules));
  }

  /** The reply to a decision, after the lookups it needs. */
  Future<Reply> resolve(Incoming in, Decision decision) {
    if (decision instanceof Decision.Text t) {
      return Future.succeededFuture(new Reply.Text(t.content()));
    }
    if (decision instanceof Decision.SiteCard card) {
      return catalog.snapshot().map(s -> s.site(card.siteCode())
          .<Reply>map(site -> new Reply.News("在线申请邮寄报告 · " + site.name(),
              "填写收件地址并支付邮费，报告打包后由邮政寄到您家，进度在本公众号随时可查。",
              conversation.orderingUrl(site.code()), coverUrl))
          .orElse(new Reply.Text(conversation.welcome())));
    }
    if (decision instanceof Decision.LatestOrders) {
      // One read: someone who never signed in simply has no orders (no resident row is made for a question).
      return orders.latestForMpOpenid(in.fromUser(), LATEST_ORDERS)
          .map(list -> new Reply.Text(ReplyTexts.latest(list, ordersUrl)));
    }
    if (decision instanceof Decision.OrderStatus lookup) {
      // The sender and the order are read at once; another resident's order answers exactly like a
      // missing one, so nothing leaks.
      Future<Optional<Long>> sender = residents.idOfMpOpenid(in.fromUser());
      Future<Optional<StoredOrder>> order = find(lookup.number());
      return Future.all(sender, order)
          .map(both -> order.result().filter(o -> sender.result().isPresent() && o.residentId() == sender.result().get()))
          .compose(found -> found.isEmpty() ? Future.succeededFuture(new Reply.Text(ReplyTexts.NOT_FOUND))
              : orders.timeline(found.get().orderNo()).map(t -> new Reply.Text(ReplyTexts.status(found.get(), t))));
    }
    if (decision instanceof Decision.Transfer) {
      return Future.succeededFuture(new Reply.Transfer());
    }
    return Future.succeededFuture(new Reply.None());
  }

  private Future<Optional<StoredOrder>> find(String number) {
    return OrderNumber.isWellFormed(number) ? orders.find(number) : orders.byWaybill(number);
  }
}

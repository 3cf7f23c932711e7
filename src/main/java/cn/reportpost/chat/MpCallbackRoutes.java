package cn.reportpost.chat;

import cn.reportpost.api.ProblemException;
import cn.reportpost.redis.Redis;
import cn.reportpost.wechat.MpApi;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The official-account callback, GET/POST /wx/mp. WeChat waits 5 s for a reply and then retries,
 * so the answer is bounded: what cannot be looked up within the budget is answered "success" now
 * and sent later as a customer-service message. Retries of messages whose answer reads orders are
 * recognised across instances (Redis) and answered once; every other answer depends on the
 * message alone, so a retry gets the same reply again, and WeChat shows the user one.
 */
public final class MpCallbackRoutes {

  private static final Logger log = LoggerFactory.getLogger(MpCallbackRoutes.class);
  private static final String BUSY = "系统繁忙，请稍后再试，或回复“人工”。";
  /** WeChat retries within about 15 s; a minute covers every retry with room to spare. */
  private static final long DEDUP_SECONDS = 60;

  private final Vertx vertx;
  private final CallbackCodec codec;
  private final Answerer answerer;
  private final Redis redis;
  private final MpApi mp;
  private final Duration budget;

  MpCallbackRoutes(Vertx vertx, MpApi mp, Answerer answerer, Redis redis, Duration budget) {
    this.vertx = vertx;
    this.codec = new CallbackCodec(mp);
    this.answerer = answerer;
    this.redis = redis;
    this.mp = mp;
    this.budget = budget;
  }

  public void mount(Router router) {
    router.get("/wx/mp").handler(this::verify);
    router.post("/wx/mp").handler(this::receive);
  }

  /** WeChat checks the server URL once: echo echostr when the signature is ours. */
  private void verify(RoutingContext ctx) {
    try {
      codec.checkSignature(ctx.queryParams());
    } catch (RuntimeException e) {
      fail(ctx, e);
      return;
    }
    String echo = ctx.queryParams().get("echostr");
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo == null ? "" : echo);
  }

  private void receive(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (CallbackCodec.hasDoctype(raw)) {
      fail(ctx, new CallbackCodec.Refused(400, "XML with a DOCTYPE is not accepted."));
      return;
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    // A plain message is a few hundred bytes: a SHA-1 and a StAX pass cost less than a hop to a
    // worker and back (measured), so only safe mode's decryption and encryption leave the event loop.
    boolean safe = "aes".equalsIgnoreCase(ctx.queryParams().get("encrypt_type"));
    offLoopIf(safe, () -> codec.open(ctx.queryParams(), body))
        .compose(opened -> reply(opened.message())
            .compose(reply -> offLoopIf(safe, () -> codec.encode(reply, opened.message(), opened.safeMode()))))
        .onSuccess(xml -> ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(xml))
        .onFailure(e -> fail(ctx, e));
  }

  private <T> Future<T> offLoopIf(boolean offLoop, java.util.concurrent.Callable<T> work) {
    if (offLoop) {
      return vertx.executeBlocking(work, false);
    }
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** SET NX in Redis, so a retry reaching another instance is still recognised; Redis down answers anyway. */
  private Future<Boolean> firstDelivery(Incoming in) {
    return redis.call(c -> c.set("mp:callback:" + in.dedupKey(), "1", SetArgs.Builder.nx().ex(DEDUP_SECONDS)))
        .map("OK"::equals)
        .recover(e -> {
          log.warn("callback dedup unavailable, answering anyway: {}", e.getMessage());
          return Future.succeededFuture(true);
        });
  }

  /** The reply, within the budget; a duplicate delivery of an order question gets none. */
  private Future<Reply> reply(Incoming in) {
    Future<Reply> work = answerer.decide(in).compose(decision -> !decision.readsOrders()
        ? answerer.resolve(in, decision)
        : firstDelivery(in).compose(first -> first ? answerer.resolve(in, decision) : Future.succeededFuture(new Reply.None())))
        .recover(e -> {
          log.warn("chat answer failed for a {} message: {}", in.msgType(), e.getMessage());
          return Future.succeededFuture(new Reply.Text(BUSY));
        });
    if (work.isComplete()) {
      return work;
    }
    Promise<Reply> reply = Promise.promise();
    long timer = vertx.setTimer(budget.toMillis(), t -> {
      // Late: "success" now, which WeChat does not retry, and the answer as a customer-service
      // message when it comes (a duplicate delivery's None sends nothing).
      if (reply.tryComplete(new Reply.None())) {
        work.onSuccess(late -> sendLater(in, late));
      }
    });
    work.onSuccess(r -> {
      vertx.cancelTimer(timer);
      reply.tryComplete(r);
    });
    return reply.future();
  }

  /** The slow answer, as a customer-service message (allowed: the user wrote within 48 h). */
  private void sendLater(Incoming in, Reply late) {
    String text = late instanceof Reply.Text t ? t.content()
        : late instanceof Reply.News n ? n.title() + "\n" + n.url() : null;
    if (text != null) {
      mp.sendText(in.fromUser(), text).onFailure(e -> log.warn("late chat answer not sent: {}", e.getMessage()));
    }
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof CallbackCodec.Refused r) {
      ctx.fail(new ProblemException(r.status, r.status == 403 ? "Forbidden" : "Bad Request", r.getMessage()));
    } else {
      ctx.fail(e);
    }
  }
}

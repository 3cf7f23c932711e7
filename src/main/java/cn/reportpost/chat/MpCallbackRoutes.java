package cn.reportpost.chat;

import cn.reportpost.api.ProblemException;
import cn.reportpost.redis.Redis;
import cn.reportpost.wechat.MpApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The official-account callback, GET/POST /wx/mp. WeChat waits 5 s for a reply and then retries,
 * so the answer is bounded: what cannot be looked up within the budget is answered "success" now
 * and sent later as a customer-service message. Retries of messages whose answer reads orders are
 * recognised across instances (Redis) and answered once; every other answer depends on the
 * message alone, so a retry gets the same reply again, and WeChat shows the user one.
 *
 * <p>A callback is refused (403, as a bad signature is) when its signed timestamp is outside the
 * window, or when its signed (timestamp, nonce) pair already came with another body: see
 * {@link ReplayGuard}.
 */
public final class MpCallbackRoutes {

  private static final Logger log = LoggerFactory.getLogger(MpCallbackRoutes.class);
  private static final String BUSY = "系统繁忙，请稍后再试，或回复“人工”。";

  private final Vertx vertx;
  private final CallbackCodec codec;
  private final ReplayGuard guard;
  private final Answerer answerer;
  private final MpApi mp;
  private final Duration budget;

  MpCallbackRoutes(Vertx vertx, MpApi mp, Answerer answerer, Redis redis, Duration budget, Clock clock, Duration window) {
    this.vertx = vertx;
    MpApi.CallbackAccount account = mp.callbackAccount();
    this.codec = new CallbackCodec(account.token(), account.aesKey(), account.appId(), clock, window);
    this.guard = new ReplayGuard(redis, clock, window);
    this.answerer = answerer;
    this.mp = mp;
    this.budget = budget;
  }

  public void mount(Router router) {
    router.get("/wx/mp").handler(this::verify);
    router.post("/wx/mp").handler(this::receive);
  }

  /** WeChat checks the server URL once: echo echostr when the signature is ours and fresh. */
  private void verify(RoutingContext ctx) {
    CallbackCodec.Signed signed;
    try {
      signed = codec.checkQuery(ctx.queryParams());
    } catch (RuntimeException e) {
      fail(ctx, e);
      return;
    }
    String echo = ctx.queryParams().get("echostr") == null ? "" : ctx.queryParams().get("echostr");
    // The echo is bound to its pair like a body: a seen pair must not make this address say something else.
    guard.admit(signed, CallbackCodec.digest(echo.getBytes(StandardCharsets.UTF_8)), null)
        .onSuccess(admission -> {
          if (admission == ReplayGuard.Admission.REPLAYED) {
            fail(ctx, replayed());
          } else {
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  private void receive(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (CallbackCodec.hasDoctype(raw)) {
      fail(ctx, new CallbackCodec.Refused(400, "XML with a DOCTYPE is not accepted."));
      return;
    }
    // A plain message is a few hundred bytes: a SHA-1 and a StAX pass cost less than a hop to a
    // worker and back (measured), so only safe mode's decryption and encryption leave the event loop.
    boolean safe = codec.safeMode();
    offLoopIf(safe, () -> codec.open(ctx.queryParams(), raw))
        .compose(opened -> reply(opened)
            .compose(reply -> offLoopIf(safe, () -> codec.encode(reply, opened.message()))))
        .onSuccess(xml -> ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(xml))
        .onFailure(e -> fail(ctx, e));
  }

  private static CallbackCodec.Refused replayed() {
    return new CallbackCodec.Refused(403, "This timestamp and nonce already signed another message.");
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

  /**
   * The reply, within the budget: the pair is checked and, for an order answer, the message
   * recognised (one round trip); a duplicate delivery of an order question gets none, another
   * body under a seen pair is refused.
   */
  private Future<Reply> reply(CallbackCodec.Opened opened) {
    Incoming in = opened.message();
    Future<Reply> work = answerer.decide(in)
        .compose(decision -> guard.admit(opened.signed(), opened.bodyDigest(), decision.readsOrders() ? in.dedupKey() : null)
            .compose(admission -> switch (admission) {
              case REPLAYED -> Future.<Reply>failedFuture(replayed());
              case DUPLICATE -> Future.<Reply>succeededFuture(new Reply.None());
              case FIRST -> answerer.resolve(in, decision);
            }))
        .recover(e -> {
          if (e instanceof CallbackCodec.Refused) {
            return Future.failedFuture(e);
          }
          log.warn("chat answer failed for a {} message: {}", in.msgType(), e.getMessage());
          return Future.succeededFuture(new Reply.Text(BUSY));
        });
    if (work.isComplete()) {
      return work;
    }
    Promise<Reply> reply = Promise.promise();
    long timer = vertx.setTimer(budget.toMillis(), t -> {
      // Late: "success" now, which WeChat does not retry, and the answer as a customer-service
      // message when it comes (a duplicate delivery's None sends nothing, a refused one nothing).
      if (reply.tryComplete(new Reply.None())) {
        work.onSuccess(late -> sendLater(in, late));
      }
    });
    work.onComplete(r -> {
      vertx.cancelTimer(timer);
      if (r.succeeded()) {
        reply.tryComplete(r.result());
      } else {
        reply.tryFail(r.cause());
      }
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

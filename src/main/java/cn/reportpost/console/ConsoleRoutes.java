package cn.reportpost.console;

import cn.reportpost.http.PageHeaders;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffSessions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The operations console under /ops/ (PRODUCT.md §7): desktop pages for OPS and ADMIN, signed in
 * with the staff session. Without a session the browser goes to the staff sign-in page and comes
 * back; a signed-in user of another role, or OPS on an admin page, gets a plain refusal.
 *
 * <p>To add a page: one line in {@link #PAGES} (its nav entry, in order), the page's main area in
 * console/pages/, its script in console/assets/ (every file there is served), and the path in
 * openapi.yaml (the document test checks it). See the comment at the top of console.js.
 */
public final class ConsoleRoutes {

  /** Every console page, in navigation order; a null label keeps a page out of the navigation. */
  static final List<ConsolePage> PAGES = List.of(
      ConsolePage.ops("/ops/board", "board.html", "看板"),
      ConsolePage.ops("/ops/breaches", "breaches.html", "SLA 超时"),
      ConsolePage.ops("/ops/reports", "reports.html", "日报"),
      ConsolePage.ops("/ops/exports", "exports.html", "导出"),
      ConsolePage.ops("/ops/aftersales", "aftersales.html", "售后"),
      ConsolePage.ops("/ops/refunds", "refunds.html", "退款"),
      ConsolePage.ops("/ops/orders", "orders.html", "订单查询"),
      ConsolePage.ops("/ops/notifications", "notifications.html", "通知失败"),
      ConsolePage.admin("/ops/admin/sites", "admin-sites.html", "网点与费用"),
      ConsolePage.admin("/ops/admin/users", "admin-users.html", "用户"),
      ConsolePage.admin("/ops/admin/posters", "admin-posters.html", "海报"),
      ConsolePage.admin("/ops/admin/chat", "admin-chat.html", "关键词与菜单"),
      ConsolePage.admin("/ops/admin/audit", "admin-audit.html", "审计日志"));
  static final String SIGN_IN = "/staff/login";
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; "
      + "style-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
  private static final String YEAR = "public, max-age=31536000, immutable";

  private final ConsoleContent content;
  private final StaffSessions sessions;

  public ConsoleRoutes(StaffSessions sessions) {
    this.sessions = sessions;
    this.content = new ConsoleContent(PAGES);
  }

  public void mount(Router router) {
    router.route("/ops/*").handler(PageHeaders.with(CONTENT_SECURITY_POLICY));
    // Vert.x matches /ops and /ops/ alike.
    router.get("/ops").handler(this::home);
    PAGES.forEach(page -> router.get(page.path()).handler(ctx -> page(ctx, page)));
    // Registered without a method: files, not API operations (the OpenAPI parity test skips them).
    router.route("/ops/assets/:version/:name").handler(this::asset);
  }

  /** /ops/ opens the first page of the navigation. */
  private void home(RoutingContext ctx) {
    signedIn(ctx, session -> redirect(ctx, PAGES.stream().filter(p -> p.label() != null && !p.adminOnly())
        .findFirst().orElseThrow().path()));
  }

  private void page(RoutingContext ctx, ConsolePage page) {
    signedIn(ctx, session -> {
      boolean admin = session.user().hasRole("ADMIN");
      if (page.adminOnly() && !admin) {
        refuse(ctx, "这一页只有管理员可以打开。");
        return;
      }
      ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
          .end(content.page(page, session.user().username(), admin, session.csrfToken()));
    });
  }

  /** Runs {@code then} for an OPS or ADMIN session; sends anyone else to sign in, or refuses them. */
  private void signedIn(RoutingContext ctx, java.util.function.Consumer<StaffSessions.Session> then) {
    Cookie cookie = ctx.request().getCookie(StaffAuth.COOKIE);
    sessions.find(cookie == null ? null : cookie.getValue()).onSuccess((Optional<StaffSessions.Session> found) -> {
      if (found.isEmpty()) {
        String back = ctx.request().uri();
        redirect(ctx, SIGN_IN + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
      } else if (!found.get().user().hasRole("OPS", "ADMIN")) {
        refuse(ctx, "运营控制台只对运营人员和管理员开放；您的账号角色不能使用。");
      } else {
        then.accept(found.get());
      }
    }).onFailure(ctx::fail);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  private static void refuse(RoutingContext ctx, String why) {
    ctx.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>无权访问</title></head><body>"
            + "<h1>无权访问</h1><p>" + ConsoleContent.escape(why) + "</p><p><a href=\"" + SIGN_IN
            + "\">换一个账号登录</a></p></body></html>");
  }

  private void asset(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.fail(405);
      return;
    }
    ConsoleContent.Asset asset = content.asset(ctx.pathParam("name"));
    if (asset == null) {
      ctx.fail(404);
      return;
    }
    // An older version can still be asked for during a rolling release: serve it, but do not pin it.
    boolean current = content.version().equals(ctx.pathParam("version"));
    ctx.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", current ? YEAR : "no-cache")
        .end(asset.bytes());
  }
}

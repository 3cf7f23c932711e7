package cn.reportpost.http;

import cn.reportpost.ApiRouter;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store (a NUL), or that is not text at all (bytes that are not UTF-8, a
 * lone surrogate), is the caller's mistake: a 400 naming where it was, on every route.
 */
@ExtendWith(ReportPostExtension.class)
class InvalidTextTest {

  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");

  /** One path parameter of one route, with every other parameter given a harmless value. */
  private record Case(String method, String route, String param, String path) {}

  @Test
  void aNulInAnyPathParameterIsA400NamingItWhoeverAsks(TestApp app) {
    TestHttp http = app.http();
    List<String[]> callers = List.of(
        new String[] {},
        new String[] {"Cookie", Residents.signIn(http, "oNulPath" + System.nanoTime())},
        staffHeaders(Staff.signIn(http, "staff")),
        staffHeaders(Staff.signIn(http, "courier")),
        staffHeaders(Staff.signIn(http, "ops")),
        staffHeaders(Staff.signIn(http, "admin")));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases(app, "%00")) {
      for (String[] caller : callers) {
        check(http.send(c.method(), c.path(), "application/json", "{}", caller), c, wrong);
      }
    }
    assertThat(wrong).as("routes that did not answer 400 naming the parameter").isEmpty();
  }

  @Test
  void otherInvalidTextInAPathParameterIsA400Too(TestApp app) {
    List<String> wrong = new ArrayList<>();
    // A NUL inside a value, bytes that are not UTF-8, an encoded surrogate, an overlong NUL.
    for (String bad : List.of("TY%00001", "%FF", "%ED%A0%80", "%C0%80")) {
      for (Case c : cases(app, bad)) {
        check(app.http().send(c.method(), c.path(), "application/json", "{}"), c, wrong);
      }
    }
    assertThat(wrong).as("routes that did not answer 400 naming the parameter").isEmpty();
  }

  /** A body as a client sends it: the JSON escapes stay escapes until the server parses them. */
  private record JsonCase(String who, String method, String path, String body, String field) {}

  @Test
  void invalidTextInAnyJsonStringIsA400NamingTheField(TestApp app) {
    TestHttp http = app.http();
    String resident = Residents.signIn(http, "oNulJson" + System.nanoTime());
    Staff staff = Staff.signIn(http, "staff");
    Staff admin = Staff.signIn(http, "admin");
    String order = Orders.body().encode();
    List<JsonCase> cases = List.of(
        new JsonCase("anyone", "POST", "/api/v1/staff/session", "{\"username\":\"a\\u0000b\",\"password\":\"x\"}", "username"),
        new JsonCase("resident", "POST", "/api/v1/orders", order.replace("\"张三\"", "\"张\\u0000三\""), "patient.name"),
        new JsonCase("resident", "POST", "/api/v1/orders", order.replace("\"长风街", "\"\\ud800长风街"), "recipient.address"),
        new JsonCase("resident", "POST", "/api/v1/orders", order.replace("\"remark\":\"\"", "\"remark\":\"\\udc00\""), "remark"),
        new JsonCase("resident", "POST", "/api/v1/orders", order.replace("{\"siteCode\"", "{\"x\\u0000\":1,\"siteCode\""), "body"),
        new JsonCase("staff", "POST", "/api/v1/staff/handovers", "{\"orderNos\":[\"A\\u0000\"]}", "orderNos[0]"),
        new JsonCase("staff", "POST", "/api/v1/staff/orders/X1/unavailable", "{\"reason\":\"\\u0000\"}", "reason"),
        new JsonCase("admin", "POST", "/api/v1/admin/users",
            "{\"username\":\"u\\u0000\",\"password\":\"a-long-password-1\",\"role\":\"OPS\"}", "username"),
        new JsonCase("anyone", "POST", "/api/v1/miniapp/session", "{\"code\":\"abc\\u0000\"}", "code"));
    List<String> wrong = new ArrayList<>();
    for (JsonCase c : cases) {
      String[] headers = switch (c.who()) {
        case "resident" -> new String[] {"Cookie", resident};
        case "staff" -> staffHeaders(staff);
        case "admin" -> staffHeaders(admin);
        default -> new String[] {};
      };
      TestHttp.Response r = http.send(c.method(), c.path(), "application/json", c.body(), headers);
      check(r, new Case(c.method(), c.path(), c.field(), c.path()), wrong);
    }
    assertThat(wrong).as("bodies that did not answer 400 naming the field").isEmpty();
  }

  private static void check(TestHttp.Response r, Case c, List<String> wrong) {
    String field = r.header("Content-Type") != null && r.header("Content-Type").startsWith(Problems.CONTENT_TYPE)
        && r.json().getJsonArray("errors") != null ? r.json().getJsonArray("errors").getJsonObject(0).getString("field") : null;
    if (r.status() != 400 || !c.param().equals(field)) {
      wrong.add(c.method() + " " + c.path() + " -> " + r.status() + " " + r.body());
    }
  }

  /** Every route with path parameters, once per parameter, that parameter being {@code bad}. */
  private static List<Case> cases(TestApp app, String bad) {
    Router router = ApiRouter.create(app.app().services().vertx(), app.app().services().config(), app.app().modules());
    List<Case> cases = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || !path.contains(":")) {
        continue;
      }
      List<String> params = new ArrayList<>();
      PARAM.matcher(path).results().forEach(m -> params.add(m.group(1)));
      for (String param : params) {
        Matcher m = PARAM.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(filled, m.group(1).equals(param) ? bad : "X1");
        }
        m.appendTail(filled);
        route.methods().forEach(method -> cases.add(new Case(method.name(), path, param, filled.toString())));
      }
    }
    assertThat(cases).as("routes with path parameters").hasSizeGreaterThan(20);
    return cases;
  }

  private static String[] staffHeaders(Staff staff) {
    return new String[] {"Cookie", staff.cookie(), "X-CSRF-Token", staff.csrf()};
  }
}

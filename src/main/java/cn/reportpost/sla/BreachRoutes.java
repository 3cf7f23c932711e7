package cn.reportpost.sla;

import cn.reportpost.api.ProblemException;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/** Operations: the open SLA breaches, the longest overdue first, a page at a time. */
final class BreachRoutes {

  private static final int PAGE = 50;

  private final BreachRepository repository;
  private final StaffAuth auth;

  BreachRoutes(BreachRepository repository, StaffAuth auth) {
    this.repository = repository;
    this.auth = auth;
  }

  void mount(Router router) {
    router.get("/api/v1/ops/breaches").handler(auth.require("OPS", "ADMIN")).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Stage stage = stage(ctx.queryParams().get("stage"));
    String city = ctx.queryParams().get("city");
    if (city != null && !city.matches("[1-8][0-9]{5}")) {
      throw ProblemException.invalid("city", "must be a 6-digit city code");
    }
    BreachRepository.Cursor after = cursor(ctx.queryParams().get("cursor"));
    repository.open(stage, city, after, PAGE + 1).onSuccess(found -> {
      List<BreachRepository.Breach> page = found.subList(0, Math.min(PAGE, found.size()));
      JsonArray items = new JsonArray();
      page.forEach(b -> items.add(b.json()));
      String next = null;
      if (found.size() > PAGE) {
        BreachRepository.Breach last = page.get(page.size() - 1);
        next = encode(last.dueAt() + "|" + last.orderNo() + "|" + last.stage().name());
      }
      ctx.json(new JsonObject().put("items", items).put("nextCursor", next));
    }).onFailure(ctx::fail);
  }

  private static Stage stage(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Stage.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("stage", "must be one of " + List.of(Stage.values()));
    }
  }

  private static BreachRepository.Cursor cursor(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split("\\|", -1);
      return new BreachRepository.Cursor(OffsetDateTime.parse(parts[0]), parts[1], Stage.valueOf(parts[2]).name());
    } catch (RuntimeException e) {
      throw ProblemException.invalid("cursor", "must be a nextCursor this list answered");
    }
  }

  private static String encode(String cursor) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }
}

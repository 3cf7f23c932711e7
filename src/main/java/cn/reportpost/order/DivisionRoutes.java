package cn.reportpost.order;

import cn.reportpost.api.ProblemException;
import cn.reportpost.order.model.Divisions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GB/T 2260 divisions the address picker cascades through: the provinces, then the cities of
 * one, then the districts of a city. Public and the same for everyone; the answers are encoded
 * once, when the module is built (a few hundred of them: too long for an event loop), and may be
 * cached for a day since the data changes only with a release.
 */
final class DivisionRoutes {

  private final Buffer provinces;
  private final Map<String, Buffer> byCode;

  DivisionRoutes(Divisions divisions) {
    this.provinces = list(divisions.provinces()).toBuffer();
    Map<String, Buffer> encoded = new HashMap<>();
    for (Divisions.Division p : divisions.provinces()) {
      put(encoded, divisions, p);
      for (Divisions.Division c : divisions.children(p.code())) {
        put(encoded, divisions, c);
      }
    }
    this.byCode = Map.copyOf(encoded);
  }

  void mount(Router router) {
    router.get("/api/v1/divisions").handler(ctx -> send(ctx, provinces));
    router.get("/api/v1/divisions/:code").handler(ctx -> {
      Buffer children = byCode.get(ctx.pathParam("code"));
      if (children == null) {
        ctx.fail(ProblemException.notFound("no province or city with code " + ctx.pathParam("code")));
      } else {
        send(ctx, children);
      }
    });
  }

  private static void put(Map<String, Buffer> byCode, Divisions divisions, Divisions.Division d) {
    byCode.put(d.code(), json(d).put("children", list(divisions.children(d.code()))).toBuffer());
  }

  private static JsonArray list(List<Divisions.Division> divisions) {
    JsonArray array = new JsonArray();
    divisions.forEach(d -> array.add(json(d)));
    return array;
  }

  private static JsonObject json(Divisions.Division d) {
    return new JsonObject().put("code", d.code()).put("name", d.name()).put("label", d.label());
  }

  private static void send(RoutingContext ctx, Buffer json) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=86400")
        .end(json);
  }
}

package cn.reportpost.handover;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reports handed from a site to the post office: who handed them, who received them, when, which
 * orders arrived and which did not.
 */
public record HandoverBatch(String handoverNo, String siteCode, String status, String createdBy, OffsetDateTime createdAt,
    String confirmedBy, OffsetDateTime confirmedAt, List<String> orderNos, List<String> received, List<String> missing) {

  public JsonObject toJson() {
    return new JsonObject().put("handoverNo", handoverNo).put("siteCode", siteCode).put("status", status)
        .put("orderNos", new JsonArray(orderNos)).put("count", orderNos.size())
        .put("createdBy", createdBy).put("createdAt", createdAt.toString())
        .put("confirmedBy", confirmedBy).put("confirmedAt", confirmedAt == null ? null : confirmedAt.toString())
        .put("received", new JsonArray(received)).put("missing", new JsonArray(missing));
  }
}

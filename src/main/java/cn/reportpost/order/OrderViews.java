package cn.reportpost.order;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.List;

/** How orders look in JSON: the summary in lists, and the detail with its timeline and the carrier's trail. */
final class OrderViews {

  private OrderViews() {}

  static JsonObject summary(StoredOrder o, Catalog.Snapshot catalog, PersonalData personal) {
    return summary(o, catalog, o.personal(personal, EnumSet.of(PersonalColumn.PATIENT_NAME, PersonalColumn.RECIPIENT_NAME)));
  }

  private static JsonObject summary(StoredOrder o, Catalog.Snapshot catalog, PersonalFields p) {
    return new JsonObject()
        .put("orderNo", o.orderNo())
        .put("status", o.status().name())
        .put("amountFen", o.amountFen())
        .put("site", site(o, catalog))
        .put("patientName", p.patientName())
        .put("recipientName", p.recipientName())
        .put("recipientCity", p.city())
        .put("waybillNo", o.waybillNo())
        .put("createdAt", o.createdAt().toString())
        .put("updatedAt", o.updatedAt().toString());
  }

  /** The detail, for the order's owner: every personal field whole (null once erased). */
  static JsonObject detail(StoredOrder o, Catalog.Snapshot catalog, PersonalFields p, List<TimelineEntry> timeline,
      List<CarrierTrail.Scan> carrierTrail) {
    JsonArray entries = new JsonArray();
    timeline.forEach(t -> {
      ResidentWording.Step step = ResidentWording.of(t, o.waybillNo());
      entries.add(new JsonObject().put("from", t.from()).put("to", t.to()).put("at", t.at().toString())
          .put("actorRole", t.actorRole()).put("location", t.location()).put("note", t.note())
          .put("title", step.title()).put("detail", step.detail()));
    });
    JsonArray scans = new JsonArray();
    carrierTrail.forEach(s -> scans.add(new JsonObject().put("at", s.at().toString()).put("context", s.context())
        .put("areaName", s.areaName())));
    return summary(o, catalog, p)
        .put("patient", new JsonObject().put("name", p.patientName()).put("idType", o.patientIdType())
            .put("idNumber", p.patientIdNumber()).put("phone", p.patientPhone()))
        .put("sampledOn", o.sampledOn().toString())
        .put("recipient", new JsonObject().put("name", p.recipientName()).put("phone", p.recipientPhone())
            .put("province", p.province()).put("city", p.city()).put("district", p.district()).put("address", p.address())
            .put("provinceCode", o.provinceCode()).put("cityCode", o.cityCode()).put("districtCode", o.districtCode()))
        .put("copies", o.copies())
        .put("remark", o.remark())
        .put("refundReason", o.refundReason())
        .put("personalDataErasedAt", o.personalDataErased() ? o.personalDataErasedAt().toString() : null)
        .put("timeline", entries)
        .put("carrierTrail", scans);
  }

  private static JsonObject site(StoredOrder o, Catalog.Snapshot catalog) {
    JsonObject site = new JsonObject().put("code", o.siteCode());
    catalog.site(o.siteCode()).ifPresent(s -> site.put("name", s.name()).put("contactPhone", s.contactPhone()));
    return site;
  }
}

package cn.reportpost.handover;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.order.PersonalFields;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.privacy.Masking;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.json.JsonObject;

/**
 * An order as staff see it: enough to find the report and address the envelope, with ID and
 * phone numbers masked (only the resident sees them whole).
 */
public final class StaffOrderView {

  private StaffOrderView() {}

  public static JsonObject of(StoredOrder o, Catalog.Snapshot catalog, PersonalData personal) {
    JsonObject site = new JsonObject().put("code", o.siteCode());
    catalog.site(o.siteCode()).ifPresent(s -> site.put("name", s.name()).put("cityCode", s.cityCode()));
    PersonalFields p = o.personal(personal);
    return new JsonObject()
        .put("orderNo", o.orderNo())
        .put("status", o.status().name())
        .put("amountFen", o.amountFen())
        .put("site", site)
        .put("patient", new JsonObject().put("name", p.patientName()).put("idType", o.patientIdType())
            .put("idNumber", Masking.idNumber(p.patientIdNumber())))
        .put("sampledOn", o.sampledOn().toString())
        .put("recipient", new JsonObject().put("name", p.recipientName())
            .put("phone", Masking.phone(p.recipientPhone()))
            .put("province", p.province()).put("city", p.city()).put("district", p.district()).put("address", p.address()))
        .put("copies", o.copies())
        .put("waybillNo", o.waybillNo())
        .put("flagged", o.flagged())
        // Sent again after an after-sales case: the site prints and hands it over once more, free of charge.
        .put("reshipCount", o.reshipCount())
        .put("createdAt", o.createdAt().toString())
        .put("updatedAt", o.updatedAt().toString());
  }
}

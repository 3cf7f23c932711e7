package cn.reportpost.handover;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.order.PersonalColumn;
import cn.reportpost.order.PersonalFields;
import cn.reportpost.order.QueuedOrder;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.privacy.Masking;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PiiCipherException;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order as staff see it, by need to know: site staff get the patient's name (to find the
 * report) and the recipient's address (to label it), numbers masked; couriers the recipient only,
 * phone masked, and nothing of the patient; operations and admins everything masked, and reveal a
 * whole field with a reason, audited (see OpsOrderRoutes). Once erased, personal fields are null.
 */
public final class StaffOrderView {

  private static final Logger log = LoggerFactory.getLogger(StaffOrderView.class);

  private StaffOrderView() {}

  /** A row of a staff list: the order, plus what the site's queue shows about its label and batch. */
  public static JsonObject of(QueuedOrder queued, Catalog.Snapshot catalog, PersonalData personal, StaffUser viewer) {
    return of(queued.order(), catalog, personal, viewer)
        .put("paidAt", queued.paidAt() == null ? null : queued.paidAt().toString())
        .put("labelPrintedAt", queued.labelPrintedAt() == null ? null : queued.labelPrintedAt().toString())
        // The address changed after the label was printed: the envelope must be labelled again.
        .put("reprintNeeded", queued.reprintNeeded())
        .put("openHandoverNo", queued.openHandoverNo());
  }

  public static JsonObject of(StoredOrder o, Catalog.Snapshot catalog, PersonalData personal, StaffUser viewer) {
    JsonObject site = new JsonObject().put("code", o.siteCode());
    catalog.site(o.siteCode()).ifPresent(s -> site.put("name", s.name()).put("cityCode", s.cityCode()));
    boolean courier = viewer.hasRole("COURIER");
    boolean siteStaff = viewer.hasRole("SITE_STAFF");
    PersonalFields p;
    boolean unreadable = false;
    try {
      // A courier sees no patient field: those stay sealed.
      p = courier ? o.personal(personal, PersonalColumn.RECIPIENT) : o.personal(personal);
    } catch (PiiCipherException e) {
      // One damaged row (a value moved from elsewhere, a key gone) must not blank a whole staff list:
      // the row shows without its personal fields, flagged, and operations hear of it in the log.
      log.warn("order {}: personal fields do not open ({}); shown without them", o.orderNo(), e.getMessage());
      p = o.unreadable();
      unreadable = true;
    }
    JsonObject view = new JsonObject()
        .put("orderNo", o.orderNo())
        .put("status", o.status().name())
        .put("amountFen", o.amountFen())
        .put("site", site);
    if (!courier) {
      view.put("patient", new JsonObject()
              .put("name", siteStaff ? p.patientName() : Masking.name(p.patientName()))
              .put("idType", o.patientIdType())
              .put("idNumber", Masking.idNumber(p.patientIdNumber()))
              .put("phone", Masking.phone(p.patientPhone())))
          .put("sampledOn", o.sampledOn().toString());
    }
    boolean wholeAddress = siteStaff || courier;
    return view
        .put("recipient", new JsonObject()
            .put("name", wholeAddress ? p.recipientName() : Masking.name(p.recipientName()))
            .put("phone", Masking.phone(p.recipientPhone()))
            .put("province", p.province()).put("city", p.city()).put("district", p.district())
            .put("address", wholeAddress ? p.address() : Masking.address(p.address())))
        .put("copies", o.copies())
        .put("waybillNo", o.waybillNo())
        .put("flagged", o.flagged())
        .put("personalDataErased", o.personalDataErased())
        .put("personalDataUnreadable", unreadable)
        // Sent again after an after-sales case: the site prints and hands it over once more, free of charge.
        .put("reshipCount", o.reshipCount())
        .put("createdAt", o.createdAt().toString())
        .put("updatedAt", o.updatedAt().toString());
  }
}

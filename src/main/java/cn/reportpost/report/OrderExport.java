package cn.reportpost.report;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.City;
import cn.reportpost.catalog.Site;
import cn.reportpost.order.Orders;
import cn.reportpost.order.PersonalColumn;
import cn.reportpost.order.PersonalFields;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.privacy.Masking;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PiiCipherException;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the orders of an export a page at a time: a page is read, opened (and masked unless the
 * operator asked otherwise), written and flushed before the next is read, so memory holds one
 * page whatever the range. Blocking: runs on the export workers, never on an event loop.
 */
final class OrderExport {

  private static final Logger log = LoggerFactory.getLogger(OrderExport.class);

  /** What to export. {@code to} is exclusive; city and status may be null (all). */
  record Filter(OffsetDateTime from, OffsetDateTime to, String cityCode, String status, boolean unmasked) {}

  static final int PAGE = 1000;
  private static final long PAGE_WAIT_SECONDS = 30;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final List<String> HEADINGS = List.of("订单号", "下单时间", "城市", "采样点", "状态", "金额（分）", "份数",
      "运单号", "患者姓名", "证件号码", "患者电话", "收件人", "收件电话", "省", "市", "区县", "详细地址", "备注");

  private static final Set<PersonalColumn> ALL = EnumSet.allOf(PersonalColumn.class);
  private static final Set<PersonalColumn> WITHOUT_ADDRESS = EnumSet.complementOf(EnumSet.of(PersonalColumn.RECIPIENT_ADDRESS));

  private final Orders orders;
  private final PersonalData personal;

  OrderExport(Orders orders, PersonalData personal) {
    this.orders = orders;
    this.personal = personal;
  }

  /** Writes every matching order; answers how many. */
  long write(Filter filter, Catalog.Snapshot catalog, SheetWriter sheet, ResponseStream out)
      throws java.util.concurrent.TimeoutException, java.util.concurrent.ExecutionException, InterruptedException {
    sheet.row(HEADINGS);
    long written = 0;
    // The next page is asked for before this one is written: the database reads while this thread
    // decrypts and writes (two pages in memory at most).
    Future<List<StoredOrder>> next = page(filter, null, null);
    while (true) {
      List<StoredOrder> page = next.toCompletionStage().toCompletableFuture().get(PAGE_WAIT_SECONDS, TimeUnit.SECONDS);
      if (page.size() == PAGE) {
        StoredOrder last = page.get(page.size() - 1);
        next = page(filter, last.createdAt(), last.orderNo());
      }
      for (StoredOrder o : page) {
        sheet.row(cells(o, catalog, filter.unmasked()));
      }
      written += page.size();
      sheet.flush();
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (page.size() < PAGE) {
        return written;
      }
    }
  }

  private Future<List<StoredOrder>> page(Filter filter, OffsetDateTime afterCreated, String afterOrderNo) {
    return orders.createdBetween(filter.from(), filter.to(), filter.cityCode(), filter.status(), afterCreated,
        afterOrderNo, PAGE);
  }

  private List<Object> cells(StoredOrder o, Catalog.Snapshot catalog, boolean unmasked) {
    PersonalFields p;
    String remark = o.remark();
    try {
      // A masked export shows no street address: it is not decrypted at all.
      p = o.personal(personal, unmasked ? ALL : WITHOUT_ADDRESS);
    } catch (PiiCipherException e) {
      // One damaged row must not end a 100,000-row export half written: it goes out without its
      // personal fields, saying so, and the log names the order for operations.
      log.warn("export: order {}: personal fields do not open ({})", o.orderNo(), e.getMessage());
      p = o.unreadable();
      remark = "个人信息无法读取";
    }
    String cityName = catalog.site(o.siteCode()).map(Site::cityCode).map(catalog.cities()::get).map(City::name).orElse("");
    List<Object> row = new ArrayList<>(HEADINGS.size());
    row.add(o.orderNo());
    row.add(TIME.format(o.createdAt().atZoneSameInstant(DailyReports.SHANGHAI)));
    row.add(cityName);
    row.add(o.siteCode());
    row.add(o.status().label());
    row.add(o.amountFen());
    row.add(o.copies());
    row.add(o.waybillNo());
    row.add(unmasked ? p.patientName() : Masking.name(p.patientName()));
    row.add(unmasked ? p.patientIdNumber() : Masking.idNumber(p.patientIdNumber()));
    row.add(unmasked ? p.patientPhone() : Masking.phone(p.patientPhone()));
    row.add(unmasked ? p.recipientName() : Masking.name(p.recipientName()));
    row.add(unmasked ? p.recipientPhone() : Masking.phone(p.recipientPhone()));
    row.add(p.province());
    row.add(p.city());
    row.add(p.district());
    row.add(unmasked ? p.address() : "***");
    row.add(remark);
    return row;
  }
}

package cn.reportpost.print;

import static cn.reportpost.print.PdfPage.MM;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The handover sheet (交接单) as an A4 PDF: who hands over what to whom, signed by both. Every
 * page repeats the handover number and its page count, so a loose page is matched to its batch;
 * the total and the signature lines come last, never split from each other. The first page carries
 * the handover number as a QR code (the courier app scans it) and as Code 128. Blocking.
 */
public final class HandoverSheet {

  private static final DateTimeFormatter BEIJING_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float MARGIN = 18 * MM;
  private static final float ROW = 7 * MM;
  private static final float FIRST_TABLE_TOP = MARGIN + 40 * MM;
  private static final float NEXT_TABLE_TOP = MARGIN + 12 * MM;
  private static final float TABLE_BOTTOM = PAGE.getHeight() - MARGIN - 8 * MM;
  private static final float CLOSING_HEIGHT = 62 * MM;
  private static final int ROWS_WITH_SIGNATURES = 5;
  private static final String[] HEADINGS = {"序号", "订单号", "收件人", "城市", "份数", "核对"};
  /** Column widths in mm; the last one is an empty box the courier ticks while scanning. */
  private static final float[] COLUMNS_MM = {14, 52, 44, 32, 16, 16};

  private final CjkFont font;

  public HandoverSheet(CjkFont font) {
    this.font = font;
  }

  public byte[] render(HandoverSheetData sheet) {
    List<List<HandoverSheetData.Line>> pages = paginate(sheet.orders());
    try (PDDocument document = new PDDocument()) {
      PDFont pdfFont = font.embedSubsetIn(document);
      int number = 0;
      for (List<HandoverSheetData.Line> rows : pages) {
        try (PdfPage page = new PdfPage(document, PAGE, pdfFont, font)) {
          float y = number == 0 ? firstHeader(page, sheet) : nextHeader(page, sheet);
          y = table(page, rows, countBefore(pages, number), y);
          if (number == pages.size() - 1) {
            closing(page, sheet, y);
          }
          footer(page, sheet, number + 1, pages.size());
        }
        number++;
      }
      return PdfPage.bytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows per page; the total and signatures never run off the last one. */
  static List<List<HandoverSheetData.Line>> paginate(List<HandoverSheetData.Line> lines) {
    List<List<HandoverSheetData.Line>> pages = new ArrayList<>();
    int start = 0;
    float top = FIRST_TABLE_TOP;
    while (start < lines.size()) {
      int fit = (int) ((TABLE_BOTTOM - top) / ROW) - 1; // one row for the column headings
      int end = Math.min(lines.size(), start + fit);
      pages.add(lines.subList(start, end));
      start = end;
      top = NEXT_TABLE_TOP;
    }
    List<HandoverSheetData.Line> last = pages.get(pages.size() - 1);
    float tableTop = pages.size() == 1 ? FIRST_TABLE_TOP : NEXT_TABLE_TOP;
    if (tableTop + (last.size() + 1) * ROW + CLOSING_HEIGHT > TABLE_BOTTOM) {
      // The signed page carries the last few orders too: a page of bare signatures could be
      // stapled to any batch.
      int carried = Math.min(ROWS_WITH_SIGNATURES, last.size());
      pages.set(pages.size() - 1, last.subList(0, last.size() - carried));
      pages.add(last.subList(last.size() - carried, last.size()));
    }
    return pages;
  }

  private static int countBefore(List<List<HandoverSheetData.Line>> pages, int page) {
    return pages.subList(0, page).stream().mapToInt(List::size).sum();
  }

  private static float firstHeader(PdfPage page, HandoverSheetData sheet) {
    float centre = PAGE.getWidth() / 2;
    page.centredText("核酸检测纸质报告交接单", centre, MARGIN + 8 * MM, 18);
    float y = MARGIN + 20 * MM;
    page.text(page.fit("检测点：" + sheet.siteName() + "（" + sheet.siteCode() + "）", 11, 120 * MM), MARGIN, y, 11);
    page.text("交接单号：" + sheet.handoverNo(), MARGIN, y + 7 * MM, 11);
    page.text("创建时间：" + BEIJING_TIME.format(sheet.createdAt()) + "（北京时间）", MARGIN, y + 14 * MM, 11);
    // The courier app confirms the batch by scanning this QR code (phones read it more easily than bars).
    var qr = Barcodes.qr(sheet.handoverNo());
    float qrModule = 18 * MM / qr.getWidth();
    page.modules(qr, PAGE.getWidth() - MARGIN - 18 * MM, MARGIN - 8 * MM, qrModule, qrModule);
    // Code 128 carries ASCII only; the printed number above serves when it cannot.
    if (sheet.handoverNo().chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      var bars = Barcodes.code128(sheet.handoverNo());
      float module = Math.min(1f, 55 * MM / bars.getWidth());
      page.modules(bars, PAGE.getWidth() - MARGIN - bars.getWidth() * module, y - 4 * MM, module, 12 * MM);
    }
    return FIRST_TABLE_TOP;
  }

  private static float nextHeader(PdfPage page, HandoverSheetData sheet) {
    page.text("交接单 " + sheet.handoverNo() + "（续）", MARGIN, MARGIN + 6 * MM, 11);
    page.rightAlignedText(page.fit(sheet.siteName(), 11, 90 * MM), PAGE.getWidth() - MARGIN, MARGIN + 6 * MM, 11);
    return NEXT_TABLE_TOP;
  }

  private static float table(PdfPage page, List<HandoverSheetData.Line> rows, int firstIndex, float top) {
    row(page, HEADINGS, top, true);
    float y = top + ROW;
    for (int i = 0; i < rows.size(); i++) {
      HandoverSheetData.Line line = rows.get(i);
      row(page, new String[] {String.valueOf(firstIndex + i + 1), line.orderNo(), line.recipientName(),
          line.city(), String.valueOf(line.copies()), ""}, y, false);
      y += ROW;
    }
    return y;
  }

  private static void row(PdfPage page, String[] cells, float top, boolean heading) {
    float x = MARGIN;
    float size = heading ? 10.5f : 10;
    for (int c = 0; c < cells.length; c++) {
      float w = COLUMNS_MM[c] * MM;
      page.outline(x, top, w, ROW, heading ? 0f : 0.4f);
      page.text(page.fit(cells[c], size, w - 4 * MM), x + 2 * MM, top + ROW - 2.2f * MM, size);
      x += w;
    }
  }

  private static void closing(PdfPage page, HandoverSheetData sheet, float top) {
    float y = top + 9 * MM;
    page.text("合计：" + sheet.orders().size() + " 单，报告 " + sheet.totalCopies() + " 份", MARGIN, y, 12);
    page.text("接收人逐单扫码核对；未收到的订单在“核对”栏划叉，不计入本次交接。", MARGIN, y + 7 * MM, 9);
    signature(page, "交出人（检测点）签字：", y + 24 * MM);
    signature(page, "接收人（快递员）签字：", y + 40 * MM);
  }

  private static void signature(PdfPage page, String role, float baseline) {
    page.text(role, MARGIN, baseline, 11);
    float lineStart = MARGIN + page.width(role, 11);
    page.line(lineStart, baseline + 1.5f, lineStart + 50 * MM, baseline + 1.5f, 0.6f);
    float dateX = lineStart + 56 * MM;
    page.text("日期：", dateX, baseline, 11);
    float dateLine = dateX + page.width("日期：", 11);
    page.line(dateLine, baseline + 1.5f, PAGE.getWidth() - MARGIN, baseline + 1.5f, 0.6f);
  }

  private static void footer(PdfPage page, HandoverSheetData sheet, int number, int count) {
    page.centredText("交接单号 " + sheet.handoverNo() + " · 第 " + number + " / " + count + " 页",
        PAGE.getWidth() / 2, PAGE.getHeight() - MARGIN, 9);
  }
}

package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Envelope labels as PDF: the order number as a Code 128 (hand scanners at the post office) and
 * as a QR code (the courier's phone), then recipient, masked phone, address, site and copies.
 * Blocking; call it from a worker thread.
 */
public final class EnvelopeLabels {

  private final CjkFont font;

  public EnvelopeLabels(CjkFont font) {
    this.font = font;
  }

  /** Labels in the given order, filling each page row by row; as many pages as needed. */
  public byte[] render(List<LabelData> labels, LabelFormat format) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no labels to print");
    }
    try (PDDocument document = new PDDocument()) {
      PDFont pdfFont = font.embedSubsetIn(document);
      int perPage = format.labelsPerPage();
      for (int first = 0; first < labels.size(); first += perPage) {
        try (PdfPage page = new PdfPage(document, format.page, pdfFont, font)) {
          List<LabelData> onPage = labels.subList(first, Math.min(first + perPage, labels.size()));
          for (int i = 0; i < onPage.size(); i++) {
            float x = format.leftMargin + (i % format.columns) * (format.labelWidth + format.columnGap);
            float top = format.topMargin + (i / format.columns) * format.labelHeight;
            if (format.cutGuides) {
              page.outline(x, top, format.labelWidth, format.labelHeight, 0.8f);
            }
            drawLabel(page, onPage.get(i), format, x, top);
          }
        }
      }
      return PdfPage.bytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drawLabel(PdfPage page, LabelData label, LabelFormat f, float x, float top) {
    float w = f.labelWidth;
    float pad = f.padding;
    float fs = f.fontSize;

    // Centred, with at least the 10-module quiet zone either side inside the label.
    BitMatrix bars = Barcodes.code128(label.orderNo());
    float module = Math.min(f.maxModule, w / (bars.getWidth() + 2f * Barcodes.CODE128_QUIET_MODULES));
    float barsWidth = bars.getWidth() * module;
    float y = top + pad;
    page.modules(bars, x + (w - barsWidth) / 2, y, module, f.barcodeHeight);
    y += f.barcodeHeight + fs * 1.1f;
    page.centredText(label.orderNo(), x + w / 2, y, fs * 1.05f);
    y += fs * 0.6f;
    page.line(x + pad, y, x + w - pad, y, 0.5f);

    BitMatrix qr = Barcodes.qr(label.orderNo());
    float qrModule = f.qrSize / qr.getWidth();
    float qrLeft = x + w - pad - f.qrSize;
    // Text beside the QR code keeps its quiet zone of 4 modules free.
    float besideQr = w - 2 * pad - f.qrSize - Barcodes.QR_QUIET_MODULES * qrModule;
    float bottom = top + f.labelHeight - pad;
    String site = "检测点 " + label.siteName();
    String copies = "报告 " + label.copies() + " 份";

    if (f.tall) {
      // Tall thermal label: address across the full width, QR code with site and copies below.
      recipient(page, label, f, x + pad, y + pad / 2, w - 2 * pad);
      float qrTop = bottom - f.qrSize;
      page.modules(qr, qrLeft, qrTop, qrModule, qrModule);
      page.line(x + pad, qrTop - 2 * qrModule, x + w - pad, qrTop - 2 * qrModule, 0.5f);
      float siteY = qrTop + fs;
      for (String line : page.wrap(site, fs, besideQr, 3)) {
        page.text(line, x + pad, siteY, fs);
        siteY += fs * 1.3f;
      }
      page.text(copies, x + pad, bottom, fs * 1.3f);
    } else {
      // Small sheet label: QR code at the right, recipient beside it, site and copies below.
      float qrTop = y + 2 * qrModule;
      page.modules(qr, qrLeft, qrTop, qrModule, qrModule);
      recipient(page, label, f, x + pad, qrTop, besideQr);
      // Only under the text column: a line touching the QR code's quiet zone can spoil a scan.
      page.line(x + pad, bottom - fs * 1.3f, x + pad + besideQr, bottom - fs * 1.3f, 0.5f);
      float copiesWidth = page.width(copies, fs);
      page.text(page.fit(site, fs, w - 2 * pad - copiesWidth - fs), x + pad, bottom, fs);
      page.rightAlignedText(copies, x + w - pad, bottom, fs);
    }
  }

  /** Name (larger), masked phone and the wrapped address, from {@code top} down. */
  private static void recipient(PdfPage page, LabelData label, LabelFormat f, float x, float top, float width) {
    float fs = f.fontSize;
    float nameSize = fs * 1.4f;
    float y = top + nameSize;
    page.text(page.fit(label.recipientName(), nameSize, width), x, y, nameSize);
    y += fs * 1.45f;
    page.text(page.fit("电话 " + label.maskedPhone(), fs, width), x, y, fs);
    for (String line : page.wrap(label.fullAddress(), fs, width, f.addressLines)) {
      y += fs * 1.3f;
      page.text(line, x, y, fs);
    }
  }
}

package cn.reportpost.print;

import static cn.reportpost.print.PdfPage.MM;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Label stock the site prints on. The A4 sheets follow the common pre-cut layouts (63.5×38.1 mm
 * in 3×7, as L7160; 99.1×67.7 mm in 2×4, as L7165), so the labels land on the cut pieces; the
 * thermal label is one 100×150 mm label per page, as shipping-label printers take them.
 * Sizes are in points; text and barcode sizes are chosen per stock, not scaled, so small labels
 * stay legible.
 */
public enum LabelFormat {
  A4_3X7(PDRectangle.A4, 3, 7, 63.5f * MM, 38.1f * MM, 7.25f * MM, 15.15f * MM, 2.5f * MM,
      7f, 7.5f, 20f, 46f, 0.75f, 3, false, true),
  A4_2X4(PDRectangle.A4, 2, 4, 99.1f * MM, 67.7f * MM, 4.65f * MM, 13.1f * MM, 2.5f * MM,
      11f, 11f, 36f, 76f, 1.0f, 3, false, true),
  /** Modules of 3 dots at 203 dpi, the usual thermal head, so every bar is whole dots wide. */
  THERMAL_100X150(new PDRectangle(100f * MM, 150f * MM), 1, 1, 100f * MM, 150f * MM, 0f, 0f, 0f,
      16f, 15f, 80f, 120f, 3 * 25.4f / 203f * MM, 5, true, false);

  final PDRectangle page;
  final int columns;
  final int rows;
  final float labelWidth;
  final float labelHeight;
  final float leftMargin;
  final float topMargin;
  final float columnGap;
  /** White space kept inside each label edge. */
  final float padding;
  final float fontSize;
  final float barcodeHeight;
  final float qrSize;
  /** Widest Code 128 module; narrower only when the label is too small for it. */
  final float maxModule;
  final int addressLines;
  /** Tall enough to run the address across the full width, with the QR code below it. */
  final boolean tall;
  /** Light cut guides, for sites that print on plain paper and cut by hand. */
  final boolean cutGuides;

  LabelFormat(PDRectangle page, int columns, int rows, float labelWidth, float labelHeight,
      float leftMargin, float topMargin, float columnGap, float padding, float fontSize,
      float barcodeHeight, float qrSize, float maxModule, int addressLines, boolean tall, boolean cutGuides) {
    this.page = page;
    this.columns = columns;
    this.rows = rows;
    this.labelWidth = labelWidth;
    this.labelHeight = labelHeight;
    this.leftMargin = leftMargin;
    this.topMargin = topMargin;
    this.columnGap = columnGap;
    this.padding = padding;
    this.fontSize = fontSize;
    this.barcodeHeight = barcodeHeight;
    this.qrSize = qrSize;
    this.maxModule = maxModule;
    this.addressLines = addressLines;
    this.tall = tall;
    this.cutGuides = cutGuides;
  }

  public int labelsPerPage() {
    return columns * rows;
  }
}

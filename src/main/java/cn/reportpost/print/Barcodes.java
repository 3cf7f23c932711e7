package cn.reportpost.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Barcode modules from ZXing, without quiet zones: each layout leaves its own white margin (at
 * least 10 modules beside a Code 128, 4 around a QR code) so the symbol can be drawn as vectors
 * at any size.
 */
final class Barcodes {

  /** Modules a QR code needs free around it to scan reliably. */
  static final int QR_QUIET_MODULES = 4;
  /** Modules a Code 128 needs free left and right. */
  static final int CODE128_QUIET_MODULES = 10;

  private Barcodes() {}

  /** One row of bars; the shortest encoding, switching to digit pairs where that saves room. */
  static BitMatrix code128(String text) {
    Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.CODE128_COMPACT, true);
    return new Code128Writer().encode(text, BarcodeFormat.CODE_128, 0, 0, hints);
  }

  /**
   * A QR code at level M: the label may be scuffed in the post, and an order number still fits
   * version 1 (21×21) at that level, so the modules stay large.
   */
  static BitMatrix qr(String text) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.MARGIN, 0);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    // ASCII (order numbers, URLs) goes without an ECI header, which some older scanners misread.
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + text, e);
    }
  }
}

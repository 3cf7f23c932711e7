package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The A4 site poster, drawn once for both media: a green band with the promise, the site and
 * its city, a large code (the official account's QR code or the mini-program's code), the fee,
 * and the three steps. Sizes in points; a code of 300 pt (10.6 cm) scans from about a metre, the
 * distance of a queue to a wall.
 */
final class PosterLayout {

  static final float WIDTH = PDRectangle.A4.getWidth();
  static final float HEIGHT = PDRectangle.A4.getHeight();
  /** The band the site name is drawn in; tests look for real glyphs there. */
  static final float SITE_NAME_TOP = 150;
  static final float SITE_NAME_BOTTOM = 205;
  static final float QR_TOP = 255;
  static final float QR_SIZE = 300;
  static final String[] STEPS = {"微信扫一扫", "填写信息并支付", "报告邮寄到家"};
  static final String QR_CAPTION = "微信扫码 · 在线下单";
  /** A mini-program code looks like no QR code people know: the caption says what it opens. */
  static final String MINI_PROGRAM_CAPTION = "微信扫一扫 · 打开小程序下单";

  private static final Color WECHAT_GREEN = new Color(0x07, 0xC1, 0x60);
  private static final Color INK = new Color(0x1A, 0x1A, 0x1A);
  private static final Color GREY = new Color(0x66, 0x66, 0x66);
  private static final Color FEE_RED = new Color(0xD9, 0x36, 0x36);
  private static final float MARGIN = 40;
  private static final float SITE_NAME_SIZE = 30;
  private static final float SITE_NAME_MIN_SIZE = 18;

  private PosterLayout() {}

  /** {@code qrModules} or {@code qrImage}: whichever form the code came in. */
  static void draw(PosterCanvas canvas, PosterData poster, BitMatrix qrModules, BufferedImage qrImage) {
    float centre = WIDTH / 2;
    canvas.fillRect(0, 0, WIDTH, 128, WECHAT_GREEN);
    canvas.centredText("核酸检测报告 邮寄到家", centre, 76, 38, Color.WHITE);
    canvas.centredText("纸质报告由邮政寄送，不用再跑一趟", centre, 108, 16, Color.WHITE);

    // Long site names shrink to fit one line rather than wrap across the QR code.
    float size = SITE_NAME_SIZE;
    while (size > SITE_NAME_MIN_SIZE && canvas.width(poster.siteName(), size) > WIDTH - 2 * MARGIN) {
      size -= 1;
    }
    canvas.centredText(poster.siteName(), centre, SITE_NAME_BOTTOM - 14, size, INK);
    canvas.centredText(poster.cityName(), centre, 232, 16, GREY);

    float qrX = centre - QR_SIZE / 2;
    if (qrModules != null) {
      // The square includes the quiet zone, as WeChat's own image does.
      float inset = QR_SIZE * Barcodes.QR_QUIET_MODULES / (qrModules.getWidth() + 2f * Barcodes.QR_QUIET_MODULES);
      canvas.qr(qrModules, qrX + inset, QR_TOP + inset, QR_SIZE - 2 * inset);
    } else {
      canvas.qrImage(qrImage, qrX, QR_TOP, QR_SIZE);
    }
    String caption = poster.opensMiniProgram() ? MINI_PROGRAM_CAPTION : QR_CAPTION;
    canvas.centredText(caption, centre, QR_TOP + QR_SIZE + 26, 15, GREY);
    canvas.centredText("邮寄服务费 " + poster.feeText() + " / 单", centre, QR_TOP + QR_SIZE + 66, 26, FEE_RED);

    float stepsTop = 668;
    float gap = 14;
    float stepWidth = (WIDTH - 2 * MARGIN - 2 * gap) / 3;
    for (int i = 0; i < STEPS.length; i++) {
      float x = MARGIN + i * (stepWidth + gap);
      float middle = x + stepWidth / 2;
      canvas.strokeRect(x, stepsTop, stepWidth, 96, 1.5f, WECHAT_GREEN);
      canvas.centredText(String.valueOf(i + 1), middle, stepsTop + 44, 32, WECHAT_GREEN);
      canvas.centredText(STEPS[i], middle, stepsTop + 78, 17, INK);
    }
    canvas.centredText("检测点编号 " + poster.siteCode(), centre, HEIGHT - 30, 10, GREY);
  }
}

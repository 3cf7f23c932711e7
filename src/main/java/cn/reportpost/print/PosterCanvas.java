package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * What the poster layout draws on, in points from the top-left of an A4 page, so that one
 * layout serves both the PNG (Java2D) and the PDF (PDFBox).
 */
interface PosterCanvas {

  void fillRect(float x, float top, float w, float h, Color color);

  void strokeRect(float x, float top, float w, float h, float lineWidth, Color color);

  /** Text centred on {@code centreX}, already made printable. */
  void centredText(String text, float centreX, float baseline, float size, Color color);

  float width(String text, float size);

  /** A square QR code of modules, as crisp as the medium allows. */
  void qr(BitMatrix modules, float x, float top, float size);

  /** A square code image supplied by WeChat (the mini-program code), which carries its own white margin. */
  void qrImage(BufferedImage image, float x, float top, float size);
}

package cn.reportpost.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text a request may carry: Unicode without NUL. PostgreSQL refuses a NUL in text (SQLSTATE
 * 22021), and bytes that are not UTF-8 or a lone surrogate are not text at all; either is the
 * caller's mistake, answered as a 400 naming where it was, before any feature sees it.
 */
public final class Text {

  private Text() {}

  /** What is wrong with {@code s} as text, or null when nothing is. */
  public static String flaw(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain a NUL character";
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be Unicode text (it holds a lone surrogate)";
      }
    }
    return null;
  }

  /**
   * What is wrong with a percent-encoded part of a URL once decoded, or null when nothing is.
   * Escapes that are not two hex digits are left to the router, which refuses them itself.
   */
  public static String flawInEncoded(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return flaw(encoded);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); ) {
      int c = encoded.codePointAt(i);
      int hi = c == '%' && i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
      if (lo >= 0) {
        bytes.write(hi << 4 | lo);
        i += 3;
      } else {
        bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
      }
    }
    try {
      return flaw(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (CharacterCodingException e) {
      return "must be UTF-8 text";
    }
  }
}

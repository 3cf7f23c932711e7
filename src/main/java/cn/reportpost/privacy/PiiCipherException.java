package cn.reportpost.privacy;

/**
 * A stored value that cannot be decrypted: malformed, encrypted with an unknown key, or altered.
 * Never a reason to show the stored text; treat it as data corruption or an attack.
 */
public class PiiCipherException extends RuntimeException {

  public PiiCipherException(String message) {
    super(message);
  }

  public PiiCipherException(String message, Throwable cause) {
    super(message, cause);
  }
}

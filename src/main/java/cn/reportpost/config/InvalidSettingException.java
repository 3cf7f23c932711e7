package cn.reportpost.config;

/** A setting that is missing or malformed; its message is the one line an operator reads. */
public class InvalidSettingException extends RuntimeException {
  public InvalidSettingException(String message) {
    super(message);
  }
}

package cn.reportpost.config;

/** How the process runs: production talks to real servers; dev and test start embedded ones and the WeChat sandbox. */
public enum Mode {
  PRODUCTION, DEV, TEST;

  public boolean embedded() {
    return this != PRODUCTION;
  }
}

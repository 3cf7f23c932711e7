package cn.reportpost.dev;

import cn.reportpost.App;

/** What dev mode prints once it is up: where to go, and how to sign in. */
public final class DevBanner {

  private DevBanner() {}

  /** A dozen paid orders at the demo site, once, so the workbench the banner points at has a live queue. */
  public static void placeDemoOrders(App app) throws Exception {
    DemoOrders.placeIfNone(app);
  }

  public static void print(App app, long startMillis) {
    String base = "http://127.0.0.1:" + app.httpPort();
    StringBuilder b = new StringBuilder();
    b.append('\n')
        .append("  ReportPost dev mode is up (").append(startMillis).append(" ms)\n\n")
        .append("  Resident flow: ").append(base).append("/h5/order?site=").append(DemoData.DEMO_SITE)
        .append("   (as a poster scan opens it)\n")
        .append("  My orders:     ").append(base).append("/h5/orders\n")
        .append("  Courier app:   ").append(base).append("/courier/   (sign in as ").append(DemoData.DEMO_COURIER)
        .append(", city ").append(DemoData.DEMO_COURIER_CITY).append(")\n")
        .append("  Site workbench: ").append(base).append("/staff/   (sign in as staff / ").append(DemoData.PASSWORD)
        .append(", site ").append(DemoData.DEMO_SITE).append("; ops or admin see any site read-only)\n")
        .append("  Cities:        ").append(base).append("/api/v1/cities\n")
        .append("  Sites:         ").append(base).append("/api/v1/cities/140100/sites\n")
        .append("  API document:  ").append(base).append("/docs\n")
        .append("  Health:        ").append(base).append("/health\n")
        .append("  Metrics:       ").append(base).append("/metrics\n")
        .append("  WeChat sandbox: http://127.0.0.1:").append(app.sandbox().port()).append("/sandbox/mp/sent\n\n")
        .append("  Demo accounts (password ").append(DemoData.PASSWORD).append("): ")
        .append(String.join(", ", DemoData.USERNAMES)).append('\n')
        .append("  Data folder:   ").append(app.services().config().dataDir().toAbsolutePath()).append('\n')
        .append("  Stop with Ctrl+C.\n");
    System.out.println(b);
  }
}

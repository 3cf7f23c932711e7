package cn.reportpost.testing;

import cn.reportpost.dev.DemoData;
import cn.reportpost.staff.PasswordHasher;
import cn.reportpost.staff.StaffRepository;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Extra staff accounts beside the demo ones, for scope tests; same password as the demo accounts. */
public final class Accounts {

  private static final String HASH = new PasswordHasher().hash(DemoData.PASSWORD);

  private Accounts() {}

  public static Staff create(TestApp app, String username, String role, String siteCode, List<String> cities) {
    try {
      new StaffRepository(app.app().services().pool()).createIfAbsent(username, HASH, role, siteCode, cities)
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Staff.signIn(app.http(), username);
  }
}

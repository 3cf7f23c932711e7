package cn.reportpost.staff;

import java.util.List;

/** A staff account as the rest of the system sees it: who, which role, and the scope it may act in. */
public record StaffUser(long id, String username, String role, String siteCode, List<String> cityCodes) {

  public boolean hasRole(String... roles) {
    for (String r : roles) {
      if (r.equals(role)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an order of {@code siteCode} in {@code cityCode} is within this user's scope. */
  public boolean covers(String siteCode, String cityCode) {
    return switch (role) {
      case "OPS", "ADMIN" -> true;
      case "SITE_STAFF" -> siteCode.equals(this.siteCode);
      case "COURIER" -> cityCodes.contains(cityCode);
      default -> false;
    };
  }
}

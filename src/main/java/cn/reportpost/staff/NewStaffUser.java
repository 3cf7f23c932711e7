package cn.reportpost.staff;

import cn.reportpost.api.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** An account an admin asks for, checked: one role, and the scope that role needs. */
public record NewStaffUser(String username, String password, String role, String siteCode, List<String> cityCodes) {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
  private static final Set<String> ROLES = Set.of("SITE_STAFF", "COURIER", "OPS", "ADMIN");
  public static final int MIN_PASSWORD = 10;

  /** The account, or the field errors; {@code siteCodes} and {@code cities} are the catalog's. */
  public static NewStaffUser parse(JsonObject body, Set<String> siteCodes, Set<String> cities, List<FieldError> errors) {
    String username = body.getValue("username") instanceof String u ? u.strip().toLowerCase() : null;
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add(new FieldError("username", "must be 3–32 lower-case letters, digits or . _ -"));
    }
    String password = body.getValue("password") instanceof String p ? p : null;
    checkPassword(password, errors);
    String role = body.getValue("role") instanceof String r ? r : null;
    if (role == null || !ROLES.contains(role)) {
      errors.add(new FieldError("role", "must be one of SITE_STAFF, COURIER, OPS, ADMIN"));
    }
    String siteCode = body.getValue("siteCode") instanceof String s ? s : null;
    List<String> cityCodes = new ArrayList<>();
    if (body.getValue("cityCodes") instanceof JsonArray array) {
      array.forEach(c -> cityCodes.add(String.valueOf(c)));
    }
    if ("SITE_STAFF".equals(role) && (siteCode == null || !siteCodes.contains(siteCode))) {
      errors.add(new FieldError("siteCode", "a SITE_STAFF account needs the code of an existing site"));
    }
    if ("COURIER".equals(role) && (cityCodes.isEmpty() || !cities.containsAll(cityCodes))) {
      errors.add(new FieldError("cityCodes", "a COURIER account needs one or more existing city codes"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new NewStaffUser(username, password, role, "SITE_STAFF".equals(role) ? siteCode : null,
        "COURIER".equals(role) ? cityCodes : List.of());
  }

  public static void checkPassword(String password, List<FieldError> errors) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
      errors.add(new FieldError("password", "must be " + MIN_PASSWORD + "–256 characters"));
    }
  }
}

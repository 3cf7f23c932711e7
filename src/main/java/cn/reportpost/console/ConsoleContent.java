package cn.reportpost.console;

import cn.reportpost.http.ClasspathFolder;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's layout, pages and assets, read from the jar once at start. A page file under
 * console/pages/ starts with {@code <!--page title="…" script="….js"-->} and holds the page's
 * main area; the layout adds the head, the navigation (per role) and the signed-in user. The
 * asset version is a hash of every asset, so a release changes the asset URLs exactly when needed.
 */
final class ConsoleContent {

  /** An asset's bytes, wrapped once: answers send this buffer as it is instead of copying 1 MB of charts per request. */
  record Asset(Buffer bytes, String type) {}

  private static final Pattern HEADER = Pattern.compile("<!--page title=\"([^\"]+)\" script=\"([a-z0-9-]+\\.js)\"-->\n");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "txt", "text/plain; charset=utf-8");

  private final String version;
  private final Map<String, Asset> assets;
  /** Page file → its HTML for OPS and for ADMIN (the navigation differs), still holding {{user}} and {{csrf}}. */
  private final Map<String, String> forOps = new HashMap<>();
  private final Map<String, String> forAdmin = new HashMap<>();

  /** Serves every file of console/assets; one of a type not in {@link #TYPES} stops the start. */
  ConsoleContent(List<ConsolePage> pages) {
    MessageDigest digest = sha256();
    Map<String, Asset> read = new HashMap<>();
    for (String name : ClasspathFolder.files("console/assets")) {
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      if (type == null) {
        throw new IllegalStateException("console/assets/" + name + ": no content type for its extension");
      }
      byte[] bytes = bytes("console/assets/" + name);
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      read.put(name, new Asset(Buffer.buffer(bytes), type));
    }
    assets = Map.copyOf(read);
    version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    String layout = new String(bytes("console/layout.html"), StandardCharsets.UTF_8).replace("{{version}}", version);
    for (ConsolePage page : pages) {
      forOps.put(page.file(), assemble(layout, page, pages, false));
      forAdmin.put(page.file(), assemble(layout, page, pages, true));
    }
  }

  String version() {
    return version;
  }

  Asset asset(String name) {
    return assets.get(name);
  }

  /** The page as {@code username} (role ADMIN or not) sees it, carrying their CSRF token for the scripts. */
  String page(ConsolePage page, String username, boolean admin, String csrfToken) {
    String html = (admin ? forAdmin : forOps).get(page.file());
    return html.replace("{{user}}", escape(username)).replace("{{csrf}}", escape(csrfToken));
  }

  private static String assemble(String layout, ConsolePage page, List<ConsolePage> pages, boolean admin) {
    String source = new String(bytes("console/pages/" + page.file()), StandardCharsets.UTF_8);
    Matcher header = HEADER.matcher(source);
    if (!header.lookingAt()) {
      throw new IllegalStateException("console/pages/" + page.file() + " does not start with <!--page title=\"…\" script=\"…\"-->");
    }
    return layout.replace("{{title}}", header.group(1)).replace("{{script}}", header.group(2))
        .replace("{{nav}}", nav(page, pages, admin)).replace("{{body}}", source.substring(header.end()));
  }

  private static String nav(ConsolePage current, List<ConsolePage> pages, boolean admin) {
    StringBuilder html = new StringBuilder("<ul class=\"c-nav\">\n");
    boolean adminHeading = false;
    for (ConsolePage p : pages) {
      if (p.label() == null || (p.adminOnly() && !admin)) {
        continue;
      }
      if (p.adminOnly() && !adminHeading) {
        html.append("  </ul>\n  <p class=\"c-nav__group\">管理</p>\n  <ul class=\"c-nav\">\n");
        adminHeading = true;
      }
      boolean here = p.path().equals(current.path());
      html.append("    <li><a href=\"").append(p.path()).append('"')
          .append(here ? " class=\"c-nav__here\" aria-current=\"page\"" : "").append('>')
          .append(escape(p.label())).append("</a></li>\n");
    }
    return html.append("  </ul>").toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = ConsoleContent.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing on the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

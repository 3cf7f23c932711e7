package cn.reportpost.h5;

import cn.reportpost.http.ClasspathFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages and the asset version, read once from the classpath at start. The version is a hash
 * of every file under h5/assets and h5/vendor, so it changes exactly when one of them does.
 *
 * <p>A page file under h5/pages/ holds its body and, on its first line,
 * {@code <!--page title="…" script="….js"-->}; it is set into h5/partials/layout.html, and a line
 * {@code <!--include name.html-->} is replaced by h5/partials/name.html, so markup that several
 * pages show (head, footer, the recipient fields) is written once. The staff workbench's pages
 * are laid out the same way under workbench/ ({@link #load(String, Collection)}).
 */
public final class H5Content {

  /** A page's HTML and its strong ETag (a hash of the HTML), for {@link H5Routes#page}. */
  public record Page(String html, String etag) {
    public static Page of(String html) {
      return new Page(html, '"' + sha256(html.getBytes(StandardCharsets.UTF_8)).substring(0, 20) + '"');
    }
  }

  private static final Pattern HEADER = Pattern.compile("<!--page title=\"([^\"]+)\" script=\"([a-z0-9-]+\\.js)\"-->\n");
  private static final Pattern INCLUDE = Pattern.compile("<!--include ([a-z0-9-]+\\.html)-->");

  private final String version;
  private final Map<String, Page> pages;

  private H5Content(String version, Map<String, Page> pages) {
    this.version = version;
    this.pages = pages;
  }

  static H5Content load(Collection<String> pageFiles) {
    return load("h5", pageFiles);
  }

  /**
   * The pages of another set laid out the same way under {@code root} (the staff workbench's
   * under workbench/): root/pages, root/partials, and assets under root/assets and root/vendor.
   */
  public static H5Content load(String root, Collection<String> pageFiles) {
    String version = assetVersion(root);
    String layout = text(root + "/partials/layout.html");
    Map<String, Page> pages = new HashMap<>();
    for (String file : pageFiles) {
      String html = assemble(root, layout, file).replace("{{version}}", version);
      pages.put(file, Page.of(html));
    }
    return new H5Content(version, Map.copyOf(pages));
  }

  private static String assemble(String root, String layout, String file) {
    String source = text(root + "/pages/" + file);
    Matcher header = HEADER.matcher(source);
    if (!header.lookingAt()) {
      throw new IllegalStateException(root + "/pages/" + file + " does not start with <!--page title=\"…\" script=\"…\"-->");
    }
    String body = INCLUDE.matcher(source.substring(header.end()))
        .replaceAll(include -> Matcher.quoteReplacement(text(root + "/partials/" + include.group(1))));
    return layout.replace("{{title}}", header.group(1)).replace("{{script}}", header.group(2)).replace("{{body}}", body);
  }

  public String version() {
    return version;
  }

  public Page page(String file) {
    return pages.get(file);
  }

  private static String assetVersion(String pagesRoot) {
    MessageDigest digest = digest();
    for (String root : List.of(pagesRoot + "/assets", pagesRoot + "/vendor")) {
      if (!ClasspathFolder.exists(root)) {
        continue;
      }
      for (String file : ClasspathFolder.files(root)) {
        digest.update(file.getBytes(StandardCharsets.UTF_8));
        digest.update(read(root + "/" + file));
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
  }

  private static String text(String name) {
    return new String(read(name), StandardCharsets.UTF_8);
  }

  private static byte[] read(String name) {
    try (InputStream in = H5Content.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing on the classpath: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

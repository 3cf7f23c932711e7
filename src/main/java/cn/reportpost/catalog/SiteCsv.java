package cn.reportpost.catalog;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a site list in CSV (UTF-8, header row, one site per line) and checks every row. Plain Java:
 * the rules are unit-testable without a database.
 *
 * <pre>code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,contact_phone[,poster_code]</pre>
 *
 * {@code out_of_province_fee_fen} may be empty (the fee applies everywhere); {@code accepting} is
 * true/false, yes/no or 1/0. The last column is optional, as a column and in each row: MP_QR or
 * MA_CODE sets which code the site's poster carries, and without a value the site keeps its own
 * (MP_QR for a new site), so an older spreadsheet never resets a poster.
 */
public final class SiteCsv {

  public static final List<String> COLUMNS = List.of(
      "code", "name", "city_code", "address", "fee_fen", "out_of_province_fee_fen", "accepting", "contact_phone");
  public static final String POSTER_CODE = "poster_code";
  private static final List<String> COLUMNS_WITH_POSTER_CODE =
      Stream.concat(COLUMNS.stream(), Stream.of(POSTER_CODE)).toList();

  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern PHONE = Pattern.compile("[0-9][0-9 -]{4,19}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final int MAX_FEE_FEN = 100_000;

  /** A row that cannot be imported: its line in the file and every reason. */
  public record RowError(long line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  public record Result(List<Site> sites, List<RowError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private SiteCsv() {}

  public static Result parse(Reader reader, Set<String> cityCodes) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).get();
    List<Site> sites = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    try (CSVParser parser = format.parse(new BomSkippingReader(reader))) {
      List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      if (!header.equals(COLUMNS) && !header.equals(COLUMNS_WITH_POSTER_CODE)) {
        errors.add(new RowError(1, "the header must be exactly: " + String.join(",", COLUMNS)
            + ", optionally followed by ," + POSTER_CODE));
        return new Result(List.of(), errors);
      }
      Map<String, Long> seen = new HashMap<>();
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          errors.add(new RowError(line, "unreadable CSV: " + rootMessage(e)));
          break;
        }
        List<String> reasons = new ArrayList<>();
        Site site = toSite(record, header.size(), cityCodes, reasons);
        if (site != null && seen.containsKey(site.code())) {
          reasons.add("code " + site.code() + " already appears on line " + seen.get(site.code()));
        }
        if (reasons.isEmpty()) {
          seen.put(site.code(), line);
          sites.add(site);
        } else {
          errors.add(new RowError(line, String.join("; ", reasons)));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      errors.add(new RowError(1, "unreadable CSV: " + rootMessage(e)));
    }
    return new Result(sites, errors);
  }

  private static Site toSite(CSVRecord r, int columns, Set<String> cityCodes, List<String> reasons) {
    if (r.size() != columns) {
      reasons.add("expected " + columns + " columns, found " + r.size());
      return null;
    }
    return check(c -> r.isMapped(c) ? r.get(c) : null, cityCodes, reasons);
  }

  /**
   * The rules for one site, whatever it came in (a CSV row, an admin's JSON): {@code column}
   * answers each column's text by its CSV name, or null for a column it does not have.
   */
  public static Site check(java.util.function.Function<String, String> column, Set<String> cityCodes, List<String> reasons) {
    java.util.function.Function<String, String> r = c -> {
      String v = column.apply(c);
      return v == null ? "" : v.strip();
    };
    String code = r.apply("code");
    if (!CODE.matcher(code).matches()) {
      reasons.add("code must be 2–16 capital letters or digits, got '" + code + "'");
    }
    String name = text(r.apply("name"), "name", 100, reasons);
    String cityCode = r.apply("city_code");
    if (!cityCodes.contains(cityCode)) {
      reasons.add("city_code '" + cityCode + "' is not a known city");
    }
    String address = text(r.apply("address"), "address", 200, reasons);
    Integer fee = fee(r.apply("fee_fen"), "fee_fen", reasons);
    String rawOop = r.apply("out_of_province_fee_fen");
    Integer oop = rawOop.isEmpty() ? fee : fee(rawOop, "out_of_province_fee_fen", reasons);
    Boolean accepting = bool(r.apply("accepting"), reasons);
    String phone = r.apply("contact_phone");
    if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
      reasons.add("contact_phone must be digits, spaces or dashes, got '" + phone + "'");
    }
    String rawPosterCode = r.apply(POSTER_CODE);
    PosterCode posterCode = PosterCode.parse(rawPosterCode);
    if (!rawPosterCode.isEmpty() && posterCode == null) {
      reasons.add(POSTER_CODE + " must be " + PosterCode.choices() + ", got '" + rawPosterCode + "'");
    }
    if (!reasons.isEmpty()) {
      return null;
    }
    return new Site(code, name, cityCode, address, fee, oop, accepting, phone, posterCode);
  }

  private static String text(String value, String column, int max, List<String> reasons) {
    if (value.isEmpty()) {
      reasons.add(column + " is empty");
    } else if (value.codePointCount(0, value.length()) > max) {
      reasons.add(column + " is longer than " + max + " characters");
    } else if (CONTROL.matcher(value).find()) {
      reasons.add(column + " contains control characters");
    }
    return value;
  }

  private static Integer fee(String raw, String column, List<String> reasons) {
    try {
      int fen = Integer.parseInt(raw);
      if (fen < 0 || fen > MAX_FEE_FEN) {
        reasons.add(column + " must be between 0 and " + MAX_FEE_FEN + " fen, got " + fen);
        return null;
      }
      return fen;
    } catch (NumberFormatException e) {
      reasons.add(column + " must be a whole number of fen, got '" + raw + "'");
      return null;
    }
  }

  private static Boolean bool(String raw, List<String> reasons) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1":
        return true;
      case "false", "no", "0":
        return false;
      default:
        reasons.add("accepting must be true or false, got '" + raw + "'");
        return null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Spreadsheet programs save UTF-8 CSV with a byte-order mark; the header must not include it. */
  private static final class BomSkippingReader extends Reader {
    private final Reader in;
    private boolean first = true;

    BomSkippingReader(Reader in) {
      this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (first && n > 0) {
        first = false;
        if (buf[off] == '\uFEFF') {
          System.arraycopy(buf, off + 1, buf, off, n - 1);
          return n - 1 == 0 ? read(buf, off, len) : n - 1;
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

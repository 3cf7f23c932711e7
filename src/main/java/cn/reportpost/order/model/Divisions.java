package cn.reportpost.order.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GB/T 2260 divisions a report can be mailed to: provinces (2-digit codes), cities (4) and
 * districts or counties (6), from the vendored china-division 2.7 data (resources/divisions/).
 * Municipalities list their districts under a city the data calls 市辖区 (and, for Chongqing, 县):
 * such a city is named after its province here, as an address writes it (北京市北京市东城区 is what
 * EMS prints), with a {@code label} telling Chongqing's two apart in a picker.
 */
public final class Divisions {

  /** One division; {@code parentCode} is empty for a province. */
  public record Division(String code, String name, String label, String parentCode) {}

  /** A recipient's province, city and district, each known to contain the next. */
  public record Place(Division province, Division city, Division district) {}

  private static final String ROOT = "";
  private static final List<String> SUFFIXES = List.of("市", "区", "县", "旗", "盟", "地区", "自治州", "自治县");

  private final Map<String, Division> byCode;
  private final Map<String, List<Division>> children;

  private Divisions(Map<String, Division> byCode, Map<String, List<Division>> children) {
    this.byCode = byCode;
    this.children = children;
  }

  /** The data shipped with the product, read once. */
  public static Divisions standard() {
    return Standard.DATA;
  }

  private static final class Standard {
    static final Divisions DATA = load("divisions/");
  }

  static Divisions load(String folder) {
    Map<String, String> provinceNames = new HashMap<>();
    Map<String, Division> byCode = new LinkedHashMap<>();
    Map<String, List<Division>> children = new HashMap<>();
    for (String[] row : csv(folder + "provinces.csv")) {
      provinceNames.put(row[0], row[1]);
      add(byCode, children, new Division(row[0], row[1], row[1], ROOT));
    }
    List<String[]> cities = csv(folder + "cities.csv");
    Map<String, Long> sameName = new HashMap<>();
    for (String[] row : cities) {
      sameName.merge(row[2] + cityName(row[1], provinceNames.get(row[2])), 1L, Long::sum);
    }
    for (String[] row : cities) {
      String name = cityName(row[1], provinceNames.get(row[2]));
      String label = sameName.get(row[2] + name) > 1 ? name + "（" + row[1] + "）" : name;
      add(byCode, children, new Division(row[0], name, label, row[2]));
    }
    for (String[] row : csv(folder + "areas.csv")) {
      add(byCode, children, new Division(row[0], row[1], row[1], row[2]));
    }
    children.replaceAll((code, list) -> List.copyOf(list));
    return new Divisions(Collections.unmodifiableMap(byCode), Map.copyOf(children));
  }

  /** 市辖区 and 县 are the parts of a municipality: they go by its name. */
  private static String cityName(String name, String province) {
    return name.equals("市辖区") || name.equals("县") ? province : name;
  }

  private static void add(Map<String, Division> byCode, Map<String, List<Division>> children, Division d) {
    byCode.put(d.code(), d);
    children.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
  }

  public List<Division> provinces() {
    return children(ROOT);
  }

  /** The cities of a province or the districts of a city, in code order; empty for anything else. */
  public List<Division> children(String code) {
    return children.getOrDefault(code, List.of());
  }

  public Optional<Division> find(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** The province-level division by full name (山西省), or empty. */
  public Optional<Division> province(String fullName) {
    return provinces().stream().filter(p -> p.name().equals(fullName)).findFirst();
  }

  /**
   * The children of {@code parent} that a resident's own words may mean: the exact name, or the
   * name without its suffix (太原 for 太原市); also the data's own word for a municipality's city.
   */
  public List<Division> named(Division parent, String name) {
    String wanted = name.strip();
    return children(parent.code()).stream().filter(d -> d.name().equals(wanted) || d.label().equals(wanted)
        || SUFFIXES.stream().anyMatch(s -> d.name().equals(wanted + s))).toList();
  }

  /** Whether the code is a district of the city, and the city one of the province. */
  public boolean contains(String parentCode, String childCode) {
    return find(childCode).filter(d -> d.parentCode().equals(parentCode)).isPresent();
  }

  private static List<String[]> csv(String resource) {
    InputStream in = Divisions.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing on the classpath: " + resource);
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          // code,"name",parentCode[,provinceCode]: names hold no commas or quotes.
          String[] cells = line.split(",");
          rows.add(new String[] {cells[0], cells[1].replace("\"", ""), cells.length > 2 ? cells[2] : ROOT});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}

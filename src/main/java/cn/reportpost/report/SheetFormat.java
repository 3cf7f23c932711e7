package cn.reportpost.report;

import cn.reportpost.api.ProblemException;

/** How a table is downloaded: CSV (UTF-8 with a BOM, so Excel reads the Chinese) or XLSX. */
enum SheetFormat {
  CSV("text/csv; charset=utf-8", "csv"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  final String contentType;
  final String extension;

  SheetFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /** {@code format}'s value; null when it is absent. */
  static SheetFormat parse(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw) {
      case "csv" -> CSV;
      case "xlsx" -> XLSX;
      default -> throw ProblemException.invalid(field, "must be csv or xlsx");
    };
  }
}

package cn.reportpost.api;

/** One invalid field of a request: its JSON path (e.g. {@code patient.idNumber}) and what is wrong. */
public record FieldError(String field, String message) {}

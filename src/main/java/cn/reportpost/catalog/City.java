package cn.reportpost.catalog;

/** A prefecture-level city, by its GB/T 2260 code. */
public record City(String code, String name, String province) {}

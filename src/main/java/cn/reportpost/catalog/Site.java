package cn.reportpost.catalog;

/** A test site: where residents are sampled and where their reports are collected. Fees in fen. */
public record Site(String code, String name, String cityCode, String address, int feeFen,
    int outOfProvinceFeeFen, boolean accepting, String contactPhone) {}

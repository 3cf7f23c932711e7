package cn.reportpost.catalog;

/**
 * A test site: where residents are sampled and where their reports are collected. Fees in fen.
 * {@code posterCode} is null only in an edit (a CSV row without it, an admin's site PUT) that
 * leaves the site's poster as it is.
 */
public record Site(String code, String name, String cityCode, String address, int feeFen,
    int outOfProvinceFeeFen, boolean accepting, String contactPhone, PosterCode posterCode) {}

package cn.reportpost.order.model;

import java.time.LocalDate;

/**
 * A valid order-creation body (PRODUCT.md §3), before it is priced and stored. Text is stripped
 * of surrounding white space; {@code remark} is empty when none was given.
 */
public record OrderDraft(String siteCode, Patient patient, LocalDate sampledOn,
    Recipient recipient, int copies, String remark) {}

package cn.reportpost.order;

import java.time.OffsetDateTime;

/**
 * An order as a staff list shows it: the order, when it was paid, whether its printed label is out
 * of date (the address changed after printing), and the OPEN handover batch holding it, if any.
 */
public record QueuedOrder(StoredOrder order, OffsetDateTime paidAt, OffsetDateTime labelPrintedAt,
    boolean reprintNeeded, String openHandoverNo) {}

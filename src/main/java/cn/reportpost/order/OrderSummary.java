package cn.reportpost.order;

import cn.reportpost.order.model.OrderStatus;

/** An order as a list shows it: number, status and waybill. */
public record OrderSummary(String orderNo, OrderStatus status, String waybillNo) {}

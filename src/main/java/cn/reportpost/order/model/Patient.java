package cn.reportpost.order.model;

/**
 * The person who was sampled, as validated: {@code idNumber} upper-cased (a typed x becomes X),
 * {@code phone} the bare 11 digits.
 */
public record Patient(String name, IdType idType, String idNumber, String phone) {}

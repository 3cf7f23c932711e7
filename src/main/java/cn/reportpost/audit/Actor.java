package cn.reportpost.audit;

/** Who did something, as the audit trail records it: an account name, its role, and the address it came from. */
public record Actor(String id, String role, String address) {}

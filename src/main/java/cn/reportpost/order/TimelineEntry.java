package cn.reportpost.order;

import java.time.OffsetDateTime;

/** One step of an order's history, as a resident sees it (the actor's id stays internal). */
public record TimelineEntry(String from, String to, OffsetDateTime at, String actorRole, String location, String note) {}

package io.tidewater.scheduler.model;

/** A taint on a node or a cluster. Effects: NoSchedule, PreferNoSchedule, NoExecute. */
public record Taint(String key, String value, String effect) {}

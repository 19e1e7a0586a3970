package dev.kam.console.domain;

/** The rescore a model activation starts: how many customers it has scored with the new version so far. */
public record RescoreJob(String id, int modelVersion, String status, long total, long done) {

    public boolean running() {
        return "RUNNING".equals(status);
    }

    public long percent() {
        return total == 0 ? 100 : Math.round(100.0 * done / total);
    }
}

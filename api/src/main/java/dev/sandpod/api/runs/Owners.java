package dev.sandpod.api.runs;

/** Until identity lands, every run belongs to the anonymous owner; the column is there so it plugs in. */
final class Owners {

    static final String ANONYMOUS = "anonymous";

    private Owners() {
    }
}

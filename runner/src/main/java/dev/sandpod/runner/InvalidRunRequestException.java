package dev.sandpod.runner;

/** A run request the engine refuses; {@code field} names the offending JSON field (e.g. {@code files[1].name}). */
public class InvalidRunRequestException extends RuntimeException {

    private final String field;

    public InvalidRunRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

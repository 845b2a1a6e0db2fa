package dev.sandpod.runner;

/** The engine cannot run code on this host; the message says what to install or change. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}

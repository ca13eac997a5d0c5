package io.github.rnnserving.web;

/** Every worker stayed busy past the queue timeout: answered 503 so clients back off. */
public class ServiceBusyException extends RuntimeException {

    public ServiceBusyException(String message) {
        super(message);
    }
}

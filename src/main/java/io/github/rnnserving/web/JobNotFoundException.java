package io.github.rnnserving.web;

/** No training job with this id: answered 404. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String id) {
        super("no training job '" + id + "'; GET /training-jobs lists them");
    }
}

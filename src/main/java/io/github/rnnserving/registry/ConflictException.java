package io.github.rnnserving.registry;

import io.github.rnnserving.web.ProblemException;
import io.github.rnnserving.web.ProblemType;
import org.springframework.http.HttpStatus;

/** The request clashes with the registry's state (e.g. deleting the serving version): 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String message) {
        super(ProblemType.CONFLICT, HttpStatus.CONFLICT, message, null, null);
    }
}

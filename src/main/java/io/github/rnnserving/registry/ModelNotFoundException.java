package io.github.rnnserving.registry;

import io.github.rnnserving.web.ProblemException;
import io.github.rnnserving.web.ProblemType;
import org.springframework.http.HttpStatus;

/** No model (or no such version) of that name: answered 404. */
public class ModelNotFoundException extends ProblemException {

    public ModelNotFoundException(String message) {
        super(ProblemType.MODEL_NOT_FOUND, HttpStatus.NOT_FOUND, message, null, null);
    }
}

package io.github.rnnserving.session;

import io.github.rnnserving.web.ProblemException;
import io.github.rnnserving.web.ProblemType;
import org.springframework.http.HttpStatus;

/** No open session of that id: never opened, expired, deleted or opened on another instance. */
class SessionNotFoundException extends ProblemException {

    SessionNotFoundException() {
        super(
                ProblemType.SESSION_NOT_FOUND,
                HttpStatus.NOT_FOUND,
                "no open session has this id: it expired, was deleted or lives on another instance; open one with"
                        + " POST /sessions, giving the last answer's state to go on from there",
                null,
                null);
    }
}

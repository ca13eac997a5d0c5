package io.github.rnnserving.jobs;

import io.github.rnnserving.web.ProblemException;
import io.github.rnnserving.web.ProblemType;
import org.springframework.http.HttpStatus;

/** No training job with this id: answered 404. */
public class JobNotFoundException extends ProblemException {

    public JobNotFoundException(String id) {
        super(
                ProblemType.JOB_NOT_FOUND,
                HttpStatus.NOT_FOUND,
                "no training job '" + id + "'; GET /training-jobs lists them",
                null,
                null);
    }
}

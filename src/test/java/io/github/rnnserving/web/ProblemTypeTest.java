package io.github.rnnserving.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.InvalidBundleException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The domain writes its one problem type out by hand, since {@code model} may not import {@code
 * web}: it must stay the one {@link ProblemType} documents.
 */
class ProblemTypeTest {

    @Test
    void anInvalidBundleIsTheDocumentedInvalidModelProblem() {
        InvalidBundleException e = new InvalidBundleException("weights.npz is missing");
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(e.getBody().getType()).isEqualTo(ProblemType.INVALID_MODEL.uri());
        assertThat(e.getBody().getTitle()).isEqualTo(ProblemType.INVALID_MODEL.title(HttpStatus.UNPROCESSABLE_ENTITY));
        assertThat(e.getMessage()).isEqualTo("weights.npz is missing");
    }
}

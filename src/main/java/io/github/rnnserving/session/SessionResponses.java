package io.github.rnnserving.session;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answers of {@code /sessions}. */
final class SessionResponses {

    private SessionResponses() {}

    /**
     * A session as it stands.
     *
     * @param maxSteps the most steps the session may read in all: the model's length or rows, and
     *     {@code rnn.sessions.max-steps}
     */
    record Session(
            @Schema(description = "The session's id: unguessable, the only key to it")
            String id,

            String model,

            @Schema(description = "The version the session is pinned to")
            String version,

            @Schema(description = "Steps read so far (tokens or image rows)")
            int steps,

            int maxSteps,

            @Schema(description = "When the session expires unless used before (ISO-8601, UTC)")
            String expiresAt) {}

    /** A label and its probability. */
    record Prediction(String label, float probability) {}

    /**
     * The answer after a step, as if the sequence ended there.
     *
     * @param state a token holding the hidden state, model, version and steps, encrypted and
     *     authenticated: {@code POST /sessions} with it goes on from here on any replica
     */
    record Step(
            @Schema(description = "Steps read so far, this piece included")
            int steps,

            List<Prediction> predictions,

            @Schema(description = "Opaque token: POST /sessions {model, state} goes on from here, on any replica")
            String state) {}
}

package io.github.rnnserving.session;

/**
 * Examples for the OpenAPI document, against the bundled names-stream and mnist-stream models
 * (a test posts every request example).
 */
final class SessionExamples {

    private SessionExamples() {}

    static final String OPEN = "{\"model\": \"names-stream\"}";
    static final String OPEN_FROM_STATE = "{\"model\": \"names-stream\", \"state\": \"AV3q…(the state of an answer)\"}";
    static final String OPEN_IMAGE = "{\"model\": \"mnist-stream\"}";
    static final String SESSION = """
            {"id": "b1LnTq0c7bXk2yQd9Vx1ZA", "model": "names-stream", "version": "1", "steps": 0,
             "maxSteps": 400, "expiresAt": "2026-11-30T10:15:00Z"}""";
    static final String STEP_TEXT = "{\"text\": \"Naka\", \"topK\": 3}";
    static final String STEP_ROWS = "{\"rows\": [[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"
            + " [0,0,0,0,0,0,128,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,128,0,0,0,0,0]],"
            + " \"topK\": 3}";
    static final String STEP_ANSWER = """
            {"steps": 4, "predictions": [
              {"label": "Japanese", "probability": 0.6120},
              {"label": "Arabic", "probability": 0.1018},
              {"label": "Russian", "probability": 0.0712}],
             "state": "AV3q9…(about 2.8 KB for a 2-layer LSTM of 128)"}""";
    static final String NOT_STREAMABLE = """
            {"type": "/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "model 'names' is bidirectional: its backward direction reads the sequence from the end, so it needs the whole sequence before it can answer; streaming needs a one-way model (such as names-stream or mnist-stream)",
             "instance": "/sessions"}""";
    static final String BAD_STATE = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "state is not a token this service issued, or it was altered", "instance": "/sessions",
             "field": "state"}""";
    static final String TOO_MANY = """
            {"type": "/problems/service-busy", "title": "Service busy", "status": 503,
             "detail": "this instance holds its most streaming sessions (10000, rnn.sessions.max-active); retry later, or close sessions you no longer use with DELETE /sessions/{id}",
             "instance": "/sessions"}""";
    static final String SESSION_GONE = """
            {"type": "/problems/session-not-found", "title": "Session not found", "status": 404,
             "detail": "no open session has this id: it expired, was deleted or lives on another instance; open one with POST /sessions, giving the last answer's state to go on from there",
             "instance": "/sessions/b1LnTq0c7bXk2yQd9Vx1ZA/steps"}""";
    static final String STEP_RUNNING = """
            {"type": "/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "a step of this session is still running: steps of one sequence are read in order, so send the next one when the last has answered",
             "instance": "/sessions/b1LnTq0c7bXk2yQd9Vx1ZA/steps"}""";
    static final String PIECE_TOO_LONG = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "this session has read 26 of its at most 28 rows; these 3 do not fit (2 left)",
             "instance": "/sessions/b1LnTq0c7bXk2yQd9Vx1ZA/steps", "field": "rows"}""";
}

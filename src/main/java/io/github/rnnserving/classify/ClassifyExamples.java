package io.github.rnnserving.classify;

/**
 * Request and response examples for the OpenAPI document. The requests work as written against
 * the bundled "names" and "mnist" models (a test posts every one of them); the image is a
 * hand-drawn 7, white on black as MNIST is.
 */
final class ClassifyExamples {

    private ClassifyExamples() {}

    static final String SEVEN_ROWS =
            "[[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,0,0,0,0,0],[0,0,0,0,0,0,128,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,128,0,0,0,0,0],[0,0,0,0,0,0,128,128,128,128,128,128,128,128,128,128,128,128,128,128,255,255,128,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,128,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,128,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,128,128,255,128,128,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,128,255,128,128,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,128,128,128,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]";

    /** The same 7 as a 28×28 grayscale PNG. */
    static final String SEVEN_PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAABwAAAAcCAAAAABXZoBIAAAANUlEQVR42mNgGJygAR2gSP5HBQ24daJJoir834BbcnBp/I9bI0FDG4a+/xnwaWRowCNHTQAA5L5T2Kxon/8AAAAASUVORK5CYII=";

    static final String TEXT = "{\"model\": \"names\", \"text\": \"Nakamura\", \"topK\": 3}";
    static final String TEXTS =
            "{\"model\": \"names\", \"texts\": [\"Nakamura\", \"Schmidt\", \"O'Neill\"], \"topK\": 2}";
    static final String TEXT_EXPLAIN = "{\"model\": \"names\", \"text\": \"Dvorak\", \"topK\": 1, \"explain\": true}";
    static final String IMAGE = "{\"model\": \"mnist\", \"image\": " + SEVEN_ROWS + ", \"topK\": 3}";
    static final String IMAGES =
            "{\"model\": \"mnist\", \"images\": [" + SEVEN_ROWS + ", " + SEVEN_ROWS + "], \"topK\": 1}";
    static final String IMAGE_BASE64 =
            "{\"model\": \"mnist\", \"imageBase64\": \"" + SEVEN_PNG_BASE64 + "\", \"topK\": 3}";
    static final String ANSWER = """
            {"model": "names", "version": "1", "predictions": [
              {"label": "Japanese", "probability": 0.9731},
              {"label": "Russian", "probability": 0.0112},
              {"label": "Czech", "probability": 0.0041}]}""";
    static final String BATCH_ANSWER = """
            {"model": "names", "version": "1", "results": [
              {"predictions": [{"label": "Japanese", "probability": 0.9731}, {"label": "Russian", "probability": 0.0112}]},
              {"predictions": [{"label": "German", "probability": 0.8876}, {"label": "English", "probability": 0.0603}]},
              {"predictions": [{"label": "Irish", "probability": 0.7140}, {"label": "English", "probability": 0.2311}]}]}""";
    static final String EXPLAIN_ANSWER = """
            {"model": "names", "version": "1",
             "predictions": [{"label": "Czech", "probability": 0.8120}],
             "steps": [
              {"step": 1, "token": "D", "label": "English", "probability": 0.2210,
               "top": [{"label": "English", "probability": 0.2210}]},
              {"step": 2, "token": "v", "label": "Czech", "probability": 0.3302,
               "top": [{"label": "Czech", "probability": 0.3302}]},
              {"step": 3, "token": "o", "label": "Czech", "probability": 0.4051,
               "top": [{"label": "Czech", "probability": 0.4051}]},
              {"step": 4, "token": "r", "label": "Czech", "probability": 0.5377,
               "top": [{"label": "Czech", "probability": 0.5377}]},
              {"step": 5, "token": "a", "label": "Czech", "probability": 0.6980,
               "top": [{"label": "Czech", "probability": 0.6980}]},
              {"step": 6, "token": "k", "label": "Czech", "probability": 0.8120,
               "top": [{"label": "Czech", "probability": 0.8120}]}],
             "stepsExplained": "each step is the answer the network gives after reading the input up to that step"}""";
}

package io.github.rnnserving.web;

/**
 * RFC 9457 problem bodies as the service writes them, for the OpenAPI document: each endpoint
 * lists the ones it can answer.
 */
public final class ProblemExamples {

    private ProblemExamples() {}

    public static final String TEXT_TOO_LONG = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "text has 2417 characters; the limit is 2000",
             "instance": "/classify", "field": "text"}""";
    public static final String WRONG_INPUT_KIND = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "model 'mnist' reads 28×28 images: send image, images or imageBase64",
             "instance": "/classify", "field": "text"}""";
    public static final String PIXEL_OUT_OF_RANGE = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "image[3][14] is 300; pixels are 0 to 255", "instance": "/classify", "field": "image[3][14]"}""";
    public static final String UNREADABLE_BODY = """
            {"type": "/problems/unreadable-body", "title": "Unreadable request body", "status": 400,
             "detail": "the request body is not valid JSON: it ends before its value is complete", "instance": "/classify",
             "correlationId": "3f1c2a9e-8d4b-4c47-9a51-0d2e6b7f1a20"}""";
    public static final String UNDECODABLE_IMAGE = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "The image is neither PNG nor JPEG (its format was not recognised).",
             "instance": "/classify", "field": "file"}""";
    public static final String MODEL_NOT_FOUND = """
            {"type": "/problems/model-not-found", "title": "Model not found", "status": 404,
             "detail": "no model named 'klingon'; GET /models lists them", "instance": "/classify"}""";
    public static final String VERSION_NOT_FOUND = """
            {"type": "/problems/model-not-found", "title": "Model not found", "status": 404,
             "detail": "model 'names' has no version '9'", "instance": "/models/names/versions/9/promote"}""";
    public static final String TOO_LARGE = """
            {"type": "/problems/request-too-large", "title": "Request too large", "status": 413,
             "detail": "the request body exceeds the limit of 10485760 bytes (rnn.limits.max-request-bytes)",
             "instance": "/classify"}""";
    public static final String UNSUPPORTED_MEDIA_TYPE = """
            {"type": "/problems/unsupported-media-type", "title": "Unsupported Media Type", "status": 415,
             "detail": "Content-Type 'text/plain;charset=UTF-8' is not supported here; send application/json or multipart/form-data",
             "instance": "/classify"}""";
    public static final String BUSY = """
            {"type": "/problems/service-busy", "title": "Service busy", "status": 503,
             "detail": "model names is busy: its queue holds 512 sequences and takes at most 512; retry later",
             "instance": "/classify"}""";
    public static final String UNAUTHORIZED = """
            {"type": "/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "this endpoint needs the header Authorization: Bearer <admin token> (RNN_ADMIN_TOKEN)",
             "instance": "/models/names/versions/2/promote"}""";
    public static final String SERVING_VERSION_CONFLICT = """
            {"type": "/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "version 1 of names is serving; promote another version first",
             "instance": "/models/names/versions/1"}""";
    public static final String BAD_IMPORT = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "the module answered a probe batch of 2 with shape (2, 5); one logit per label needs (2, 18)",
             "instance": "/models", "field": "torchscript"}""";
    public static final String BAD_JOB = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "architecture.hiddenSize must be 1 to 1024, got 5000",
             "instance": "/training-jobs", "field": "architecture.hiddenSize"}""";
    public static final String QUEUE_FULL = """
            {"type": "/problems/service-busy", "title": "Service busy", "status": 503,
             "detail": "the training queue is full: 20 jobs are waiting (rnn.jobs.max-queued); retry when one has started",
             "instance": "/training-jobs"}""";
    public static final String JOB_NOT_FOUND = """
            {"type": "/problems/job-not-found", "title": "Training job not found", "status": 404,
             "detail": "no training job '42'; GET /training-jobs lists them", "instance": "/training-jobs/42"}""";
}

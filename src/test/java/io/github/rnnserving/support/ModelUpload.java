package io.github.rnnserving.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * A {@code POST /models} request over plain HTTP, as curl's {@code -F manifest=@model.json -F
 * weights=@w.npz} sends it: for tests that import into a running service.
 */
public final class ModelUpload {

    private ModelUpload() {}

    /**
     * @param part {@code weights} (.npz) or {@code torchscript} (.pt)
     */
    public static HttpRequest.Builder request(URI models, String token, String manifest, String part, byte[] file) {
        String boundary = "----rnn-upload-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"manifest\"; filename=\"model.json\"\r\n"
                                + "Content-Type: application/json\r\n\r\n" + manifest + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
                        + "\"; filename=\"upload\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(models)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}

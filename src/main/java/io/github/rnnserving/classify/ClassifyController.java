package io.github.rnnserving.classify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "classify", description = "Classify texts and 28×28 images")
class ClassifyController {

    private final ClassificationService service;

    ClassifyController(ClassificationService service) {
        this.service = service;
    }

    @Operation(summary = "Classify one input or a batch",
            description = "Text models take text or texts; image models take image, images (28 rows of 28"
                    + " integers 0-255, white on black) or imageBase64 (PNG/JPEG, fitted to 28×28 as MNIST was"
                    + " made). topK limits the labels; explain adds the answer after every step.")
    @PostMapping(path = "/classify", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ClassifyResponse classify(@RequestBody ClassifyRequest request) {
        return service.classify(request);
    }

    @Operation(summary = "Classify an uploaded image file (multipart/form-data)")
    @PostMapping(path = "/classify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ClassifyResponse classifyUpload(
            @RequestParam("model") String model,
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "polarity", required = false) String polarity,
            @RequestParam(name = "topK", required = false) Integer topK,
            @RequestParam(name = "explain", required = false) Boolean explain) throws IOException {
        return service.classifyUpload(model, file.getBytes(), polarity, topK, explain);
    }
}

package io.vigil.server.hl7;

import io.vigil.codec.ErrorCode;
import io.vigil.codec.hl7.Hl7Acknowledgement;
import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/hl7}: one ER7 message (Content-Type application/hl7-v2 or text/plain) from an authenticated
 * integration or admin user. Answers with the HL7 ACK as body: 200 for AA, 422 for AE, 400 for an AR about the
 * message itself, 503 when the readings could not be stored now (retry).
 */
@RestController
class Hl7Controller {
    static final MediaType HL7_V2 = MediaType.parseMediaType("application/hl7-v2");
    private static final MediaType HL7_V2_UTF8 = MediaType.parseMediaType("application/hl7-v2;charset=UTF-8");

    private final Hl7Intake intake;

    Hl7Controller(Hl7Intake intake) {
        this.intake = intake;
    }

    @PostMapping("/api/v1/hl7")
    CompletableFuture<ResponseEntity<?>> receive(HttpServletRequest http) throws IOException {
        MediaType type = http.getContentType() == null ? null : MediaType.parseMediaType(http.getContentType());
        if (type == null || !(HL7_V2.isCompatibleWith(type) || MediaType.TEXT_PLAIN.isCompatibleWith(type))) {
            return CompletableFuture.completedFuture(ProblemHandler.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ApiErrors.HL7_CONTENT_TYPE, "Send one HL7 v2 message (ER7) as application/hl7-v2 or text/plain", null));
        }
        byte[] body = http.getInputStream().readNBytes(Hl7Decoder.MAX_BYTES + 1);
        return intake.receive(body, "/api/v1/hl7").thenApply(answer -> ResponseEntity.status(status(answer))
                .contentType(HL7_V2_UTF8).body(answer.acknowledgement()));
    }

    private static HttpStatus status(Hl7Intake.Answer answer) {
        if (answer.code() == Hl7Acknowledgement.Code.AA) {
            return HttpStatus.OK;
        }
        if (ApiErrors.INGEST_UNAVAILABLE.equals(answer.vigilCode())) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (ErrorCode.PAYLOAD_TOO_LARGE.code().equals(answer.vigilCode())) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        return answer.code() == Hl7Acknowledgement.Code.AR ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
    }
}

package io.vigil.server.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/dead-letters}: refused payloads, newest first. */
@RestController
class DeadLetterController {

    /** A dead letter as served: the payload as text when it is UTF-8 (device JSON), else base64 (binary frames). */
    record DeadLetterView(String id, Instant receivedAt, String device, String transport, String topic, String code,
                          String reason, String field, String payload, String payloadEncoding) {
        static DeadLetterView of(DeadLetter letter) {
            String text = utf8(letter.payload());
            return new DeadLetterView(letter.id(), letter.receivedAt(), letter.device(), letter.transport(), letter.topic(),
                    letter.code(), letter.reason(), letter.field(),
                    text != null ? text : Base64.getEncoder().encodeToString(letter.payload()),
                    text != null ? "utf-8" : "base64");
        }

        private static String utf8(byte[] bytes) {
            if (bytes == null) {
                return "";
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    private final DeadLetterStore store;

    DeadLetterController(DeadLetterStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/dead-letters")
    List<DeadLetterView> list(@RequestParam(required = false) String device,
                              @RequestParam(defaultValue = "100") int limit) {
        return store.recent(device, Math.clamp(limit, 1, 1000)).stream().map(DeadLetterView::of).toList();
    }
}

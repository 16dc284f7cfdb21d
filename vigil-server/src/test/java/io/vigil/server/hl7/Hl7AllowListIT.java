package io.vigil.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An MLLP peer outside vigil.hl7.allowed-senders gets an AR (VIGIL-1402), is disconnected, and is dead-lettered. */
class Hl7AllowListIT extends BedsideContract {

    @Autowired
    MllpListener mllp;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.hl7.allowed-senders", () -> "10.9.9.9, ::1");
    }

    @Test
    void senderNotAllowed_arThenDisconnected_deadLettered() {
        String message = "MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64||||20261125101500+0000||ORU^R01^ORU_R01|CTRL-DENY|P|2.6\r";
        try (MllpClient sender = new MllpClient(mllp.port())) {
            String ack = sender.send(message);
            assertThat(ack.split("\r")[1]).startsWith("MSA|AR|CTRL-DENY|This address may not send HL7 to Vigil");
            assertThat(ack).contains("VIGIL-1402");
            assertThat(sender.closedByServer()).isTrue();
        }
        assertThat(ward.admin().get("/api/v1/dead-letters").json())
                .anySatisfy(letter -> assertThat(letter.get("code").asText()).isEqualTo("VIGIL-1402"));
    }
}

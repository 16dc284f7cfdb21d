package io.vigil.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.vigil.codec.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactMembersTest {

    @Test
    void behavesAsALinkedHashMap_smallAndPastTheArrays() {
        for (int members = 0; members <= CompactMembers.SMALL + 3; members++) {
            CompactMembers compact = new CompactMembers();
            Map<String, JsonNode> reference = new LinkedHashMap<>();
            for (int i = members; i > 0; i--) {
                assertThat(compact.put("m" + i, IntNode.valueOf(i))).isEqualTo(reference.put("m" + i, IntNode.valueOf(i)));
            }
            assertThat(compact.put("m1", IntNode.valueOf(-1))).isEqualTo(reference.put("m1", IntNode.valueOf(-1)));
            assertThat(compact).isEqualTo(reference).hasSameHashCodeAs(reference);
            assertThat(new ArrayList<>(compact.keySet())).containsExactlyElementsOf(reference.keySet());
            assertThat(compact.get("m2")).isEqualTo(reference.get("m2"));
            assertThat(compact.get("absent")).isNull();
            assertThat(compact.containsKey("m3")).isEqualTo(reference.containsKey("m3"));
            assertThat(compact.remove("m2")).isEqualTo(reference.remove("m2"));
            assertThat(compact).isEqualTo(reference);
            Iterator<Map.Entry<String, JsonNode>> it = compact.entrySet().iterator();
            if (it.hasNext()) {
                Map.Entry<String, JsonNode> first = it.next();
                first.setValue(IntNode.valueOf(99));
                reference.put(first.getKey(), IntNode.valueOf(99));
                assertThat(compact).isEqualTo(reference);
                it.remove();
                reference.remove(first.getKey());
                assertThat(new ArrayList<>(compact.keySet())).containsExactlyElementsOf(reference.keySet());
            }
        }
    }

    @Test
    void parsedTreesEqualJacksonsOwn_andDuplicatesAreStillRefused() throws Exception {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": [").append(i).append(", {\"a\": 1, \"b\": \"x\"}]");
        }
        wide.append('}');
        List<String> payloads = List.of("{\"a\": 1, \"b\": {\"c\": [1, 2.5, \"x\", null, true]}}", wide.toString(),
                "[{\"type\": 1, \"unit\": -3, \"value\": 58788}, {}]");
        UntrustedJson untrusted = new UntrustedJson(1 << 20, 32);
        for (String payload : payloads) {
            JsonNode compact = ((DecodeResult.Ok<JsonNode>) untrusted.parse(payload.getBytes(StandardCharsets.UTF_8))).value();
            JsonNode jackson = new ObjectMapper().readTree(payload);
            assertThat(compact).isEqualTo(jackson);
            assertThat(compact.toString()).isEqualTo(jackson.toString());
        }
        for (String duplicate : List.of("{\"a\": 1, \"a\": 2}", "{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, "
                + "\"k6\": 6, \"k7\": 7, \"k8\": 8, \"k9\": 9, \"k1\": 10}")) {
            assertThat(untrusted.parse(duplicate.getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeResult.Failure.class);
        }
    }
}

package io.vigil.codec.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.template.TemplateCompilation.Refused;
import io.vigil.model.MeasurementRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TemplateCompilerTest {

    private final TemplateCompiler compiler = new TemplateCompiler(MeasurementRegistry.standard());

    @Test
    void validTemplate_withLoincCodeAndSelectedUnit_compiles() {
        TemplateCompilation result = compile("""
                {
                  "deviceId": "$.device",
                  "mappings": [{
                    "match": "$.readings[*]",
                    "when": {"path": "@.kind", "equals": "temp"},
                    "time": {"path": "@.at", "format": "iso-8601"},
                    "id": "@.seq",
                    "values": [{"type": "8310-5", "value": "@.v", "unit": {"path": "@.u"}}]
                  }]
                }""");

        assertThat(result).isInstanceOf(TemplateCompilation.Compiled.class);
    }

    @Test
    void unknownMeasurementType_isRefusedAtItsLine() {
        Refused refused = refused("""
                {
                  "mappings": [{
                    "values": [
                      {"type": "heart-rate", "value": "$.hr"},
                      {"type": "blood-sugar", "value": "$.bg"}
                    ]
                  }]
                }""");

        assertThat(refused.line()).isEqualTo(5);
        assertThat(refused.column()).isEqualTo(16);
        assertThat(refused.reason()).contains("\"blood-sugar\" is neither a Vigil measurement alias");
    }

    @Test
    void unknownLoincCode_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [
                  {"type": "99999-9", "value": "$.x"}]}]}""");

        assertThat(refused.line()).isEqualTo(2);
        assertThat(refused.reason()).contains("99999-9");
    }

    @Test
    void unitNotConvertibleToTheTypesUnit_isRefusedAtTheUnit() {
        Refused refused = refused("""
                {
                  "mappings": [{
                    "values": [{
                      "type": "body-weight",
                      "value": "$.w",
                      "unit": "mm[Hg]"
                    }]
                  }]
                }""");

        assertThat(refused.line()).isEqualTo(6);
        assertThat(refused.reason()).contains("mm[Hg]").contains("body-weight").contains("kg, g, [lb_av]");
    }

    @Test
    void panelUnitNotConvertible_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "blood-pressure", "unit": "kg",
                  "components": {"systolic": {"value": "$.s"}, "diastolic": {"value": "$.d"}}}]}]}""");

        assertThat(refused.line()).isEqualTo(1);
        assertThat(refused.reason()).contains("\"kg\" cannot be converted to mm[Hg]");
    }

    @Test
    void panelUnitNotConvertible_isRefusedEvenWhenEveryComponentNamesItsOwn() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "blood-pressure", "unit": "L/min",
                  "components": {"systolic": {"value": "$.s", "unit": "kPa"}, "diastolic": {"value": "$.d", "unit": "kPa"}}}]}]}""");

        assertThat(refused.reason()).contains("\"L/min\" cannot be converted");
    }

    @Test
    void badSelectorSyntax_isRefusedWithTheCharacter() {
        Refused refused = refused("""
                {
                  "mappings": [{
                    "match": "$.readings[*",
                    "values": [{"type": "heart-rate", "value": "@.hr"}]
                  }]
                }""");

        assertThat(refused.line()).isEqualTo(3);
        assertThat(refused.reason()).contains("$.readings[*").contains("character 13").contains("expected ]");
    }

    @Test
    void recursiveDescent_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "heart-rate", "value": "$..hr"}]}]}""");

        assertThat(refused.reason()).contains("recursive descent");
    }

    @Test
    void relativeMatch_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"match": "@.x", "values": [{"type": "heart-rate", "value": "@.hr"}]}]}""");

        assertThat(refused.reason()).contains("starts at the payload");
    }

    @Test
    void missingMappings_isRefused() {
        Refused refused = refused("{\"description\": \"nothing\"}");

        assertThat(refused.line()).isEqualTo(1);
        assertThat(refused.reason()).contains("\"mappings\" must be a non-empty array");
    }

    @Test
    void missingValueSelector_isRefusedAtTheValue() {
        Refused refused = refused("""
                {"mappings": [{"values": [
                  {"type": "spo2"}]}]}""");

        assertThat(refused.line()).isEqualTo(2);
        assertThat(refused.reason()).contains("\"value\" is missing");
    }

    @Test
    void panelWithoutDiastolic_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "blood-pressure",
                  "components": {"systolic": {"value": "$.s"}}}]}]}""");

        assertThat(refused.line()).isEqualTo(2);
        assertThat(refused.reason()).contains("needs diastolic-bp");
    }

    @Test
    void panelComponentAlone_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "systolic-bp", "value": "$.s"}]}]}""");

        assertThat(refused.reason()).contains("component of blood-pressure");
    }

    @Test
    void unknownMember_isRefusedAtIt() {
        Refused refused = refused("""
                {
                  "mappings": [{
                    "values": [{"type": "heart-rate", "value": "$.hr", "scale": 2}]
                  }]
                }""");

        assertThat(refused.line()).isEqualTo(3);
        assertThat(refused.reason()).contains("\"scale\" is not a member here");
    }

    @Test
    void unknownTimeFormat_isRefused() {
        Refused refused = refused("""
                {"mappings": [{
                  "time": {"path": "$.t", "format": "rfc-1123"},
                  "values": [{"type": "heart-rate", "value": "$.hr"}]}]}""");

        assertThat(refused.line()).isEqualTo(2);
        assertThat(refused.reason()).contains("iso-8601, epoch-seconds, epoch-millis");
    }

    @Test
    void codedTypeWithUnit_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [{"type": "consciousness", "value": "$.avpu", "unit": "%"}]}]}""");

        assertThat(refused.reason()).contains("consciousness is coded");
    }

    @Test
    void sameTypeTwiceInOneMapping_isRefused() {
        Refused refused = refused("""
                {"mappings": [{"values": [
                  {"type": "heart-rate", "value": "$.a"},
                  {"type": "8867-4", "value": "$.b"}]}]}""");

        assertThat(refused.line()).isEqualTo(3);
        assertThat(refused.reason()).contains("heart-rate is mapped twice");
    }

    @Test
    void jsonSyntaxError_isRefusedWithLineAndColumn() {
        Refused refused = refused("""
                {
                  "mappings": [
                    {"values": [{"type": "heart-rate" "value": "$.hr"}]}
                  ]
                }""");

        assertThat(refused.line()).isEqualTo(3);
        assertThat(refused.column()).isGreaterThan(30);
        assertThat(refused.reason()).startsWith("The template is not valid JSON");
    }

    @Test
    void duplicateKey_isRefused() {
        Refused refused = refused("""
                {"mappings": [], "mappings": []}""");

        assertThat(refused.reason()).contains("Duplicate field");
    }

    @Test
    void badName_isRefused() {
        TemplateCompilation result = compiler.compile("../etc/passwd", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOf(TemplateCompilation.Refused.class);
        assertThat(((Refused) result).reason()).contains("template name");
    }

    @Test
    void emptyAndOversizedTemplates_areRefused() {
        assertThat(compiler.compile("t", new byte[0])).isInstanceOf(TemplateCompilation.Refused.class);
        assertThat(compiler.compile("t", new byte[TemplateCompiler.MAX_TEMPLATE_BYTES + 1]))
                .isInstanceOf(TemplateCompilation.Refused.class);
    }

    private TemplateCompilation compile(String text) {
        return compiler.compile("test", text.getBytes(StandardCharsets.UTF_8));
    }

    private Refused refused(String text) {
        TemplateCompilation result = compile(text);
        assertThat(result).isInstanceOf(TemplateCompilation.Refused.class);
        return (Refused) result;
    }
}

package io.vigil.codec.sun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Jazzer target: any string as a tapped tag's URL, verified under the factory keys. */
class SunUrlFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void verify_anyUrl_answersWithATapOrACodedRefusal(String url) {
        SunResult<SunUrl> parsed = SunUrl.parse(url);
        if (parsed instanceof SunResult.Refused<SunUrl> refused) {
            assertThat(refused.reason().code()).matches("VIGIL-17\\d\\d");
            assertThat(refused.detail()).isNotBlank();
            return;
        }
        SunUrl sun = ((SunResult.Ok<SunUrl>) parsed).value();
        if (SunVerifier.readPicc(sun, SunVerifierTest.ZERO) instanceof SunResult.Ok<PiccData> picc) {
            assertThat(SunVerifier.verify(sun, picc.value(), SunVerifierTest.ZERO)).isNotNull();
        }
    }
}

package io.vigil.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What must hold for anything the decoder returns, whatever bytes it was given. */
final class DecodedInvariants {

    /** The codes device JSON can produce; the others belong to binary codecs. */
    static final Set<ErrorCode> JSON_CODES = EnumSet.complementOf(
            EnumSet.of(ErrorCode.TRUNCATED, ErrorCode.UNSUPPORTED_FORMAT,
                    ErrorCode.SPECIAL_VALUE, ErrorCode.CRC_MISMATCH));

    private DecodedInvariants() {
    }

    static void check(DecodeResult<List<DeviceMessage>> result, Instant receivedAt, String input) {
        switch (result) {
            case DecodeResult.Ok<List<DeviceMessage>> ok -> checkMessages(ok.value(), receivedAt, input);
            case DecodeResult.Failure<List<DeviceMessage>> failure -> checkError(failure.error(), input);
        }
    }

    private static void checkError(DecodeError error, String input) {
        assertThat(error.code()).as(input).isIn(JSON_CODES);
        assertThat(error.reason()).as(input).isNotBlank().hasSizeLessThan(400).doesNotContain("\n")
                .doesNotContain("internal error");
        if (error.field() != null) {
            assertThat(error.field()).as(input).hasSizeLessThan(120);
        }
    }

    private static void checkMessages(List<DeviceMessage> messages, Instant receivedAt, String input) {
        assertThat(messages).as(input).isNotEmpty();
        Instant latest = receivedAt.plus(DeviceJsonLimits.defaults().maxFutureSkew());
        for (DeviceMessage message : messages) {
            if (message.messageId() != null) {
                assertThat(message.messageId()).as(input).matches("[A-Za-z0-9._:-]{1,128}");
            }
            assertThat(message.measurements()).as(input).isNotEmpty();
            Set<MeasurementType> types = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Measurement m : message.measurements()) {
                assertThat(types.add(m.type())).as(input).isTrue();
                assertThat(m.time()).as(input).isBeforeOrEqualTo(latest);
                if (m.timeSource() == TimeSource.RECEIVED) {
                    assertThat(m.time()).as(input).isEqualTo(receivedAt);
                }
                checkValue(m.type(), m.value(), input);
            }
        }
    }

    private static void checkValue(MeasurementType type, MeasuredValue value, String input) {
        switch (value) {
            case MeasuredValue.Quantity q -> checkQuantity(type, q, input);
            case MeasuredValue.Coded c -> assertThat(type.answers()).as(input).contains(c.answer());
            case MeasuredValue.Panel p -> {
                assertThat(p.components()).as(input).isNotEmpty();
                p.components().forEach(c -> checkQuantity(c.type(), c.quantity(), input));
                double systolic = p.component("systolic-bp").orElseThrow().quantity().value();
                double diastolic = p.component("diastolic-bp").orElseThrow().quantity().value();
                assertThat(systolic).as(input).isGreaterThan(diastolic);
            }
        }
    }

    private static void checkQuantity(MeasurementType type, MeasuredValue.Quantity q, String input) {
        assertThat(Double.isFinite(q.value())).as(input).isTrue();
        assertThat(type.plausible().contains(q.value())).as(input).isTrue();
        assertThat(q.unit()).as(input).isEqualTo(type.canonicalUnit());
    }
}

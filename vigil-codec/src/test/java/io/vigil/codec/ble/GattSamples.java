package io.vigil.codec.ble;

import java.util.ArrayList;
import java.util.List;

/**
 * One valid value for every flag combination of every characteristic, laid out field by field from the Bluetooth
 * SIG characteristic definitions, with what the decoder must make of it.
 *
 * @param aliases     measurement types expected, in order
 * @param notes       notes that must be present
 * @param deviceTime  whether the reading must use the device time
 * @param minLength   prefixes of at least this length whose tail is whole repeats of {@code repeat} bytes are
 *                    still valid (RR intervals; 0 = every strict prefix is truncated)
 */
record GattSamples(String uuid, int flags, byte[] value, List<String> aliases, List<String> notes,
                   boolean deviceTime, int minLength, int repeat) {

    static List<GattSamples> all() {
        List<GattSamples> all = new ArrayList<>();
        for (int f = 0; f < 32; f++) {
            all.add(bloodPressure("2A35", f));
            all.add(bloodPressure("2A36", f));
            all.add(heartRate(f));
            all.add(glucose(f | 0x02));
            all.add(spotCheck(f));
            all.add(continuous(f));
            all.add(cgm(cgmFlags(f), false));
            all.add(cgm(cgmFlags(f), true));
        }
        for (int f = 0; f < 8; f++) {
            all.add(temperature(f));
        }
        for (int f = 0; f < 256; f++) {
            all.add(glucoseContext(f));
        }
        all.add(new GattSamples("2A1D", 0, new byte[] {9}, List.of(), List.of("temperature type: tympanum (ear drum)"),
                false, 0, 0));
        for (int f = 0; f < 16; f++) {
            all.add(weight(f));
        }
        for (int f = 0; f < 0x2000; f++) {
            if (Integer.bitCount(f) <= 1 || f % 41 == 0 || f == 0x1FFF) {
                all.add(bodyComposition(f | 0x0400));
            }
        }
        return all;
    }

    private static GattSamples bloodPressure(String uuid, int f) {
        boolean kpa = (f & 0x01) != 0;
        FrameBuilder b = FrameBuilder.flags(f);
        if (kpa) {
            b.sfloat(160, -1).sfloat(107, -1).sfloat(124, -1);
        } else {
            b.sfloat(120, 0).sfloat(80, 0).sfloat(93, 0);
        }
        List<String> aliases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean intermediate = uuid.equals("2A36");
        if (intermediate) {
            notes.add(kpa ? "current cuff pressure 16 kPa" : "current cuff pressure 120 mm[Hg]");
        } else {
            aliases.add("blood-pressure");
        }
        time(b, f, 0x02);
        if ((f & 0x04) != 0) {
            b.sfloat(72, 0);
            if (intermediate) {
                notes.add("pulse rate 72 /min");
            } else {
                aliases.add("heart-rate");
            }
        }
        if ((f & 0x08) != 0) {
            b.u8(3);
            notes.add("user 3");
        }
        if ((f & 0x10) != 0) {
            b.u16(0b10_1111); // bits 0,1,2,5 and pulse-rate range 1
            notes.addAll(List.of("body movement detected", "cuff too loose", "irregular pulse detected",
                    "pulse rate exceeds upper limit", "improper measurement position"));
        }
        return new GattSamples(uuid, f, b.build(), aliases, notes, (f & 0x02) != 0, 0, 0);
    }

    private static GattSamples temperature(int f) {
        FrameBuilder b = FrameBuilder.flags(f);
        if ((f & 0x01) != 0) {
            b.float32(9806, -2); // 98.06 °F = 36.7 °C
        } else {
            b.float32(367, -1);
        }
        time(b, f, 0x02);
        List<String> notes = new ArrayList<>();
        if ((f & 0x04) != 0) {
            b.u8(2);
            notes.add("temperature type: body (general)");
        }
        return new GattSamples("2A1C", f, b.build(), List.of("body-temperature"), notes, (f & 0x02) != 0, 0, 0);
    }

    /** Glucose Measurement Context, field by field as the Glucose Service 1.0 lays it out; no measurement. */
    private static GattSamples glucoseContext(int f) {
        FrameBuilder b = FrameBuilder.flags(f).u16(517);
        List<String> notes = new ArrayList<>(List.of("sequence number 517 (context of the glucose measurement with this number)"));
        if ((f & 0x80) != 0) {
            b.u8(0);
        }
        if ((f & 0x01) != 0) {
            b.u8(1).sfloat(60, -3);
            notes.add("carbohydrate: breakfast 60 g");
        }
        if ((f & 0x02) != 0) {
            b.u8(2);
            notes.add("meal: postprandial (after meal)");
        }
        if ((f & 0x04) != 0) {
            b.u8(0xF1);
            notes.add("tester: self");
            notes.add("health: not available");
        }
        if ((f & 0x08) != 0) {
            b.u16(1800).u8(40);
            notes.add("exercise duration 1800 s");
            notes.add("exercise intensity 40 %");
        }
        if ((f & 0x10) != 0) {
            b.u8(1).sfloat(8, -6);
            notes.add("medication: rapid acting insulin " + ((f & 0x20) != 0 ? "0.008 mL" : "8 mg"));
        }
        if ((f & 0x40) != 0) {
            b.sfloat(68, -1);
            notes.add("HbA1c 6.8 %");
        }
        return new GattSamples("2A34", f, b.build(), List.of(), notes, false, 0, 0);
    }

    private static GattSamples heartRate(int f) {
        FrameBuilder b = FrameBuilder.flags(f);
        if ((f & 0x01) != 0) {
            b.u16(72);
        } else {
            b.u8(72);
        }
        List<String> notes = new ArrayList<>();
        switch ((f >> 1) & 0x03) {
            case 2 -> notes.add("sensor contact not detected");
            case 3 -> notes.add("sensor contact detected");
            default -> { }
        }
        if ((f & 0x08) != 0) {
            b.u16(1234);
            notes.add("energy expended 1234 kJ");
        }
        int base = b.length();
        if ((f & 0x10) != 0) {
            b.u16(1024).u16(820);
            notes.add("RR intervals (s): 1, 0.801");
        }
        return new GattSamples("2A37", f, b.build(), List.of("heart-rate"), notes, false,
                (f & 0x10) != 0 ? base + 2 : 0, 2); // the RR flag announces at least one interval
    }

    private static GattSamples glucose(int f) {
        FrameBuilder b = FrameBuilder.flags(f).u16(42).dateTime(2026, 11, 25, 10, 0, 0);
        List<String> notes = new ArrayList<>(List.of("sequence number 42", "sample type: capillary whole blood",
                "sample location: finger"));
        if ((f & 0x01) != 0) {
            b.u16(-30);
        }
        if ((f & 0x04) != 0) {
            b.sfloat(53, -4); // 5.3 mmol/L
        } else {
            b.sfloat(95, -5); // 95 mg/dL
        }
        b.u8(0x11);
        if ((f & 0x08) != 0) {
            b.u16(0x0001);
            notes.add("device battery low at time of measurement");
        }
        if ((f & 0x10) != 0) {
            notes.add("context follows in Glucose Measurement Context (0x2A34)");
        }
        return new GattSamples("2A18", f, b.build(), List.of("blood-glucose"), notes, true, 0, 0);
    }

    private static GattSamples weight(int f) {
        boolean imperial = (f & 0x01) != 0;
        FrameBuilder b = FrameBuilder.flags(f).u16(imperial ? 15432 : 14000);
        List<String> aliases = new ArrayList<>(List.of("body-weight"));
        List<String> notes = new ArrayList<>();
        time(b, f, 0x02);
        if ((f & 0x04) != 0) {
            b.u8(1);
            notes.add("user 1");
        }
        if ((f & 0x08) != 0) {
            b.u16(229).u16(imperial ? 689 : 1750);
            aliases.addAll(List.of("bmi", "body-height"));
        }
        return new GattSamples("2A9D", f, b.build(), aliases, notes, (f & 0x02) != 0, 0, 0);
    }

    private static GattSamples bodyComposition(int f) {
        boolean imperial = (f & 0x0001) != 0;
        FrameBuilder b = new FrameBuilder().u16(f).u16(215);
        List<String> notes = new ArrayList<>(List.of("body fat 21.5 %"));
        time(b, f, 0x0002);
        if ((f & 0x0004) != 0) {
            b.u8(2);
            notes.add("user 2");
        }
        if ((f & 0x0008) != 0) {
            b.u16(6000);
            notes.add("basal metabolism 6000 kJ");
        }
        if ((f & 0x0010) != 0) {
            b.u16(402);
            notes.add("muscle percentage 40.2 %");
        }
        String[] masses = {"muscle mass", "fat free mass", "soft lean mass", "body water mass"};
        for (int i = 0; i < masses.length; i++) {
            if ((f & (0x0020 << i)) != 0) {
                b.u16(6000);
                notes.add(masses[i] + (imperial ? " 60 lb" : " 30 kg"));
            }
        }
        if ((f & 0x0200) != 0) {
            b.u16(5123);
            notes.add("impedance 512.3 Ohm");
        }
        b.u16(imperial ? 15432 : 14000);
        List<String> aliases = new ArrayList<>(List.of("body-weight"));
        if ((f & 0x0800) != 0) {
            b.u16(imperial ? 689 : 1750);
            aliases.add("body-height");
        }
        if ((f & 0x1000) != 0) {
            notes.add("part of a multiple-packet measurement");
        }
        return new GattSamples("2A9C", f, b.build(), aliases, notes, (f & 0x0002) != 0, 0, 0);
    }

    private static GattSamples spotCheck(int f) {
        FrameBuilder b = FrameBuilder.flags(f).sfloat(97, 0).sfloat(72, 0);
        List<String> notes = new ArrayList<>();
        time(b, f, 0x01);
        if ((f & 0x02) != 0) {
            b.u16(0x4000);
            notes.add("questionable measurement detected");
        }
        if ((f & 0x04) != 0) {
            b.u24(0x000020);
            notes.add("low perfusion detected");
        }
        if ((f & 0x08) != 0) {
            b.sfloat(35, -1);
            notes.add("pulse amplitude index 3.5 %");
        }
        if ((f & 0x10) != 0) {
            notes.add("device clock is not set: receive time used");
        }
        return new GattSamples("2A5E", f, b.build(), List.of("spo2", "heart-rate"), notes,
                (f & 0x01) != 0 && (f & 0x10) == 0, 0, 0);
    }

    private static GattSamples continuous(int f) {
        FrameBuilder b = FrameBuilder.flags(f).sfloat(97, 0).sfloat(72, 0);
        List<String> notes = new ArrayList<>();
        if ((f & 0x01) != 0) {
            b.sfloat(96, 0).sfloat(73, 0);
            notes.add("SpO2PR-Fast: SpO2 96 %, pulse rate 73 /min");
        }
        if ((f & 0x02) != 0) {
            b.sfloat(98, 0).sfloat(71, 0);
            notes.add("SpO2PR-Slow: SpO2 98 %, pulse rate 71 /min");
        }
        if ((f & 0x04) != 0) {
            b.u16(0x8000);
            notes.add("invalid measurement detected");
        }
        if ((f & 0x08) != 0) {
            b.u24(0x008000);
            notes.add("sensor disconnected");
        }
        if ((f & 0x10) != 0) {
            b.sfloat(35, -1);
            notes.add("pulse amplitude index 3.5 %");
        }
        return new GattSamples("2A5F", f, b.build(), List.of("spo2", "heart-rate"), notes, false, 0, 0);
    }

    /** Spreads 5 bits over the defined CGM flags: trend (0), quality (1), warning (5), cal/temp (6), status (7). */
    private static int cgmFlags(int f) {
        return (f & 0x03) | (f & 0x1C) << 3;
    }

    private static GattSamples cgm(int f, boolean crc) {
        FrameBuilder record = new FrameBuilder().u8(f).sfloat(120, 0).u16(15);
        List<String> notes = new ArrayList<>(List.of("record 1: time offset 15 min"));
        if ((f & 0x80) != 0) {
            record.u8(0x02);
            notes.add("record 1: device battery low");
        }
        if ((f & 0x40) != 0) {
            record.u8(0x04);
            notes.add("record 1: calibration recommended");
        }
        if ((f & 0x20) != 0) {
            record.u8(0x01);
            notes.add("record 1: result lower than the patient low level");
        }
        if ((f & 0x01) != 0) {
            record.sfloat(-15, -1);
            notes.add("record 1: trend -1.5 mg/dL/min");
        }
        if ((f & 0x02) != 0) {
            record.sfloat(95, 0);
            notes.add("record 1: quality 95 %");
        }
        byte[] body = record.build();
        FrameBuilder value = new FrameBuilder().u8(body.length + 1 + (crc ? 2 : 0)).bytes(body);
        if (crc) {
            byte[] covered = value.build();
            value.u16(Crc16Mcrf4xx.of(covered, 0, covered.length));
        }
        return new GattSamples("2AA7", f | (crc ? 0x100 : 0), value.build(), List.of("cgm-glucose"), notes, false, 0, 0);
    }

    private static void time(FrameBuilder b, int f, int bit) {
        if ((f & bit) != 0) {
            b.dateTime(2026, 11, 25, 10, 0, 0);
        }
    }

    @Override
    public String toString() {
        return uuid + " flags 0x" + Integer.toHexString(flags) + " " + java.util.HexFormat.of().formatHex(value);
    }
}

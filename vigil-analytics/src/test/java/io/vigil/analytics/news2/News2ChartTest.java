package io.vigil.analytics.news2;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sides of every threshold of NEWS2 Chart 1 (Royal College of Physicians 2017), and the rounding rule. */
class News2ChartTest {

    @ParameterizedTest(name = "respiration {0}/min scores {1}")
    @CsvSource({"0,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "60,3",
            "8.49,3", "8.5,1", "11.5,0", "20.49,0", "20.5,2", "24.5,3"})
    void respirationRate_chartRow(double rate, int score) {
        assertThat(News2Chart.respirationRate(rate)).isEqualTo(score);
    }

    @ParameterizedTest(name = "SpO2 {0}% on scale 1 scores {1}")
    @CsvSource({"70,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0", "91.5,2", "95.49,1", "95.5,0"})
    void oxygenSaturationScale1_chartRow(double spo2, int score) {
        assertThat(News2Chart.oxygenSaturationScale1(spo2)).isEqualTo(score);
    }

    @ParameterizedTest(name = "SpO2 {0}% on scale 2 on air scores {1}")
    @CsvSource({"70,3", "83,3", "84,2", "85,2", "86,1", "87,1", "88,0", "92,0", "93,0", "97,0", "100,0"})
    void oxygenSaturationScale2_onAir_chartRow(double spo2, int score) {
        assertThat(News2Chart.oxygenSaturationScale2(spo2, false)).isEqualTo(score);
    }

    @ParameterizedTest(name = "SpO2 {0}% on scale 2 on oxygen scores {1}")
    @CsvSource({"83,3", "84,2", "85,2", "86,1", "87,1", "88,0", "92,0", "93,1", "94,1", "95,2", "96,2", "97,3",
            "100,3", "92.49,0", "92.5,1"})
    void oxygenSaturationScale2_onOxygen_chartRow(double spo2, int score) {
        assertThat(News2Chart.oxygenSaturationScale2(spo2, true)).isEqualTo(score);
    }

    @ParameterizedTest(name = "on oxygen {0} scores {1}")
    @CsvSource({"true,2", "false,0"})
    void airOrOxygen_chartRow(boolean onOxygen, int score) {
        assertThat(News2Chart.airOrOxygen(onOxygen)).isEqualTo(score);
    }

    @ParameterizedTest(name = "systolic {0} mmHg scores {1}")
    @CsvSource({"60,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "280,3",
            "90.5,2", "110.5,0", "219.49,0", "219.5,3"})
    void systolicBloodPressure_chartRow(double sbp, int score) {
        assertThat(News2Chart.systolicBloodPressure(sbp)).isEqualTo(score);
    }

    @ParameterizedTest(name = "pulse {0}/min scores {1}")
    @CsvSource({"30,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3", "200,3",
            "40.5,1", "90.49,0", "90.5,1", "130.5,3"})
    void pulse_chartRow(double pulse, int score) {
        assertThat(News2Chart.pulse(pulse)).isEqualTo(score);
    }

    @ParameterizedTest(name = "temperature {0} °C scores {1}")
    @CsvSource({"33.0,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2", "41.0,2",
            "35.04,3", "35.05,1", "36.04,1", "36.05,0", "38.04,0", "38.05,1", "39.04,1", "39.05,2"})
    void temperature_chartRow_roundedHalfUpToOneDecimal(double celsius, int score) {
        assertThat(News2Chart.temperature(celsius)).isEqualTo(score);
    }

    @ParameterizedTest(name = "ACVPU {0} scores 3")
    @ValueSource(strings = {"C", "V", "P", "U"})
    void consciousness_notAlert_scores3(String acvpu) {
        assertThat(News2Chart.consciousness(acvpu)).isEqualTo(3);
    }

    @ParameterizedTest(name = "ACVPU {0} scores 0")
    @ValueSource(strings = {"A"})
    void consciousness_alert_scores0(String acvpu) {
        assertThat(News2Chart.consciousness(acvpu)).isZero();
    }

    @ParameterizedTest(name = "total {0}, single 3 {1} → {2}")
    @CsvSource({"0,false,LOW", "4,false,LOW", "3,true,LOW_MEDIUM", "4,true,LOW_MEDIUM", "5,false,MEDIUM",
            "5,true,MEDIUM", "6,true,MEDIUM", "7,false,HIGH", "7,true,HIGH", "20,true,HIGH"})
    void band_fromTotalAndSingleThree(int total, boolean singleThree, News2Band band) {
        assertThat(News2Band.of(total, singleThree)).isEqualTo(band);
    }

    @ParameterizedTest(name = "total {0}, single 3 {1} → monitoring {2}")
    @CsvSource({"0,false,12-hourly", "1,false,4–6-hourly", "4,false,4–6-hourly", "3,true,hourly", "5,false,hourly",
            "6,true,hourly", "7,false,continuous"})
    void response_monitoringFrequency(int total, boolean singleThree, String monitoring) {
        News2Response response = News2Response.of(total, singleThree);
        assertThat(response.monitoring()).isEqualTo(monitoring);
        assertThat(response.action()).endsWith("Not for clinical use.");
    }
}

package dev.unstacker.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "2.0, must be at most 1",
        "0.0, must be above 0",
        "-1.0, must be above 0",
    })
    void learningRateOutOfRangeIsRejected(double rate, String rule) {
        assertThatThrownBy(() -> TrainingSettings.builder().optLearningRate(rate).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid training settings: learningRate = " + rate + " is invalid: it " + rule);
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity"})
    void nonFiniteLearningRateIsRejected(double rate) {
        assertThatThrownBy(() -> TrainingSettings.builder().optLearningRate(rate).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid training settings: learningRate = " + rate + " is invalid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("${"));
    }

    @Test
    void negativeStopTargetIsRejected() {
        assertThatThrownBy(() -> TrainingSettings.builder().optStopAtValidationPitMae(-1.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid training settings: stopAtValidationPitMae = -1.0 is invalid: it must be at least 0");
    }

    @Test
    void unknownDeviceIsRejectedWhenBuilt() {
        assertThatThrownBy(() -> TrainingSettings.builder().optDevice("tpu").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown device 'tpu'; use auto, cpu, gpu, gpu:N or mps");
    }
}

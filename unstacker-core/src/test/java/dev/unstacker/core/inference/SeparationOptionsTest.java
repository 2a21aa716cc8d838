package dev.unstacker.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SeparationOptionsTest {

    @Nested
    class Building {

        @Test
        void defaultsAreAutoAndModelSize() {
            SeparationOptions options = SeparationOptions.defaults();

            assertThat(options.background()).isEqualTo(Background.AUTO);
            assertThat(options.outputSize()).isEqualTo(OutputSize.MODEL);
            assertThat(SeparationOptions.builder().build()).isEqualTo(options);
        }

        @Test
        void settingsAreKept() {
            SeparationOptions options = SeparationOptions.builder()
                    .optBackground(Background.LIGHT)
                    .optOutputSize(OutputSize.INPUT)
                    .build();

            assertThat(options.background()).isEqualTo(Background.LIGHT);
            assertThat(options.outputSize()).isEqualTo(OutputSize.INPUT);
            assertThat(options).hasToString("SeparationOptions[background=LIGHT, outputSize=INPUT]");
        }

        @Test
        void nullSettingsAreRejected() {
            assertThatThrownBy(() -> SeparationOptions.builder().optBackground(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("background must not be null; use AUTO, DARK or LIGHT");
            assertThatThrownBy(() -> SeparationOptions.builder().optOutputSize(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("outputSize must not be null; use MODEL or INPUT");
        }
    }
}

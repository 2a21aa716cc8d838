package dev.unstacker.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void doubleDashEndsOptions() {
        Options options = Options.parse("separate", new String[] {"--out", "x", "--", "--odd.png", "a.png"},
                Set.of("out"), Set.of());
        assertThat(options.text("out", null)).isEqualTo("x");
        assertThat(options.positional()).containsExactly("--odd.png", "a.png");
    }

    @Test
    void shortHelpIsHelp() {
        Options options = Options.parse("separate", new String[] {"-h"}, Set.of("out"), Set.of("help"));

        assertThat(options.has("help")).isTrue();
        assertThat(options.positional()).isEmpty();
    }

    @Test
    void shortHelpAfterDoubleDashIsAFile() {
        Options options = Options.parse("separate", new String[] {"--", "-h"}, Set.of("out"), Set.of("help"));

        assertThat(options.has("help")).isFalse();
        assertThat(options.positional()).containsExactly("-h");
    }

    @Test
    void unknownOptionListsKnownOnes() {
        assertThatThrownBy(() -> Options.parse("separate", new String[] {"--size"}, Set.of("out"), Set.of("help")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option --size for 'separate'; known options: --help, --out VALUE");
    }

    @Test
    void integerOptionNamesTheBadValue() {
        Options options = Options.parse("experiment", new String[] {"--epochs", "ten"}, Set.of("epochs"), Set.of());
        assertThatThrownBy(() -> options.integer("epochs", 40))
                .hasMessage("Option --epochs of 'experiment' must be an integer, but was 'ten'");
    }
}

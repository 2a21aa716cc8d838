package dev.unstacker.examples.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    private static final Pattern SCORE = Pattern.compile("(mixture baseline|model)\\s+PIT-MAE (\\d\\.\\d{4})");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return EvaluateCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void scoresTheBundledModelWellBelowTheBaseline() throws Exception {
        int status = run();

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(output).contains("Test mixtures: 2000 of 2 sources weighted 0.5 / 0.5, seed 0")
                .doesNotContain("MixtureProtocol[");
        Matcher matcher = SCORE.matcher(output);
        double baseline = Double.NaN;
        double model = Double.NaN;
        while (matcher.find()) {
            double value = Double.parseDouble(matcher.group(2));
            if (matcher.group(1).equals("model")) {
                model = value;
            } else {
                baseline = value;
            }
        }
        assertThat(baseline).isBetween(0.13, 0.15);
        assertThat(model).isLessThan(baseline / 4);
    }

    @Test
    void refusesAFolderThatIsNotAModel() {
        assertThatThrownBy(() -> run("--model", temp.toString()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(temp.toString());
    }

    @Test
    void rejectsAModelPathGivenWithoutTheOption() {
        assertThatThrownBy(() -> run(temp.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'evaluate' takes only options, but got '" + temp + "'");
    }
}

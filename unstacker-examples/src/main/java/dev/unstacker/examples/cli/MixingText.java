package dev.unstacker.examples.cli;

import dev.unstacker.core.mix.MixingSpec;
import java.math.BigDecimal;

/** Text forms of mixing weights, as the commands print them. */
public final class MixingText {

    private MixingText() {}

    /**
     * Returns the weights in their shortest decimal form, separated by slashes.
     *
     * @param mixing the mixing weights
     * @return for example {@code "0.5 / 0.5"}
     */
    public static String weights(MixingSpec mixing) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < mixing.sourceCount(); i++) {
            text.append(i == 0 ? "" : " / ").append(BigDecimal.valueOf(mixing.weight(i)).stripTrailingZeros().toPlainString());
        }
        return text.toString();
    }
}

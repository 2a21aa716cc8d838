package dev.unstacker.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.loss.L1Distance;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.model.SeparatorNet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeparationEvaluatorTest {

    private static final int SIDE = 12;
    private static final int PIXELS = SIDE * SIDE;

    /** Builds one mixture: the average of an image with a bright left half and one with a bright top half. */
    private static MixtureBatch oneMixture() {
        float[] sources = new float[2 * PIXELS];
        float[] mixture = new float[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = y * SIDE + x;
                sources[p] = x < SIDE / 2 ? 0.8f : 0.1f;
                sources[PIXELS + p] = y < SIDE / 2 ? 0.6f : 0.0f;
                mixture[p] = 0.5f * (sources[p] + sources[PIXELS + p]);
            }
        }
        return new MixtureBatch(mixture, sources, 2, SIDE, SIDE);
    }

    @Test
    void scoresSwappedEstimatesUnderTheBestAssignment() {
        MixtureBatch batch = oneMixture();
        // The estimates come in the other order, each off by exactly 0.05.
        float[] estimates = new float[2 * PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            estimates[p] = batch.sources[PIXELS + p] + 0.05f;
            estimates[PIXELS + p] = batch.sources[p] - 0.05f;
        }
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            EvaluationResult result = new SeparationEvaluator(new L1Distance(), 4).score(manager, batch, estimates);

            assertThat(result.meanPitMae()).isCloseTo(0.05, within(1e-6));
            // MSE 0.0025 gives 10·log10(400) dB for both images.
            assertThat(result.meanPsnrDb()).isCloseTo(10 * Math.log10(400), within(1e-3));
            assertThat(result.alignedEstimate(0, 0, PIXELS)[0]).isCloseTo(0.75f, within(1e-6f));
            assertThat(result.meanSsim()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void withoutSsimReportsNaN() {
        MixtureBatch batch = oneMixture();
        float[] estimates = new float[2 * PIXELS];
        for (int p = 0; p < estimates.length; p++) {
            estimates[p] = Math.min(1f, batch.sources[p] + (p % 7) * 0.01f);
        }
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparationEvaluator full = new SeparationEvaluator(new L1Distance(), 4);
            EvaluationResult complete = full.score(manager, batch, Arrays.copyOf(estimates, estimates.length));
            EvaluationResult quick = full.withoutSsim().score(manager, batch, Arrays.copyOf(estimates, estimates.length));

            assertThat(quick.meanPitMae()).isEqualTo(complete.meanPitMae());
            assertThat(quick.meanPsnrDb()).isEqualTo(complete.meanPsnrDb());
            assertThat(complete.meanSsim()).isBetween(0.5, 1.0);
            assertThat(complete.hasSsim()).isTrue();
            assertThat(quick.meanSsim()).isNaN();
            assertThat(quick.ssim(0, 1)).isNaN();
            assertThat(quick.hasSsim()).isFalse();
        }
    }

    @Test
    void rejectsEstimatesOfTheWrongLength() {
        MixtureBatch batch = oneMixture();
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparationEvaluator evaluator = new SeparationEvaluator(new L1Distance(), 4);

            assertThatThrownBy(() -> evaluator.score(manager, batch, new float[3 * PIXELS]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must hold 288 values (1 mixtures × 2 sources × 144 pixels), but has 432");
            assertThatThrownBy(() -> evaluator.score(manager, batch, new float[PIXELS]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("but has 144");
        }
    }

    @Test
    void rejectsANetworkWithAnotherSourceCount() {
        MixtureBatch batch = oneMixture();
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(SeparatorConfig.defaults(3).withWidth(4));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));

            assertThatThrownBy(() -> new SeparationEvaluator(new L1Distance(), 4).evaluate(net, manager, batch))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shape (1, 3, 12, 12)")
                    .hasMessageContaining("2 sources of 12x12");
        }
    }
}

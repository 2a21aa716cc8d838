package dev.unstacker.core.inference;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.model.SeparatorNet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() {
        SeparatorConfig config = SeparatorConfig.defaults(2);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            try (SeparatorRuntime runtime = SeparatorRuntime.of(net, new ModelDescription(config, 28, 28, "l1"), 2)) {
                for (int round = 0; round < 3; round++) {
                    long t = System.nanoTime();
                    for (int i = 0; i < 50; i++) runtime.separate(TestImages.mixture(i, i + 1));
                    System.out.printf("singles %.1f ms/call%n", (System.nanoTime() - t) / 50e6);
                    t = System.nanoTime();
                    for (int i = 0; i < 50; i++) runtime.separateAll(List.of(TestImages.mixture(i, 2), TestImages.mixture(i, 3)));
                    System.out.printf("pairs %.1f ms/call%n", (System.nanoTime() - t) / 50e6);
                    t = System.nanoTime();
                    for (int i = 0; i < 20; i++) { runtime.separate(TestImages.mixture(i, i + 1)); runtime.separateAll(List.of(TestImages.mixture(i, 2), TestImages.mixture(i, 3))); }
                    System.out.printf("alternating %.1f ms/call%n", (System.nanoTime() - t) / 40e6);
                }
            }
        }
    }
}

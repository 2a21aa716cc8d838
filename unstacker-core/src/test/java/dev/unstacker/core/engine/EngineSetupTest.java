package dev.unstacker.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

    @Test
    void trackingIsOptedOutWhenTheEngineStarts() {
        Engine engine = EngineSetup.engine();

        // DJL decides whether to call home from this property or variable, at the engine's first start.
        assertThat(EngineSetup.isTrackingOptedOut()).isTrue();
        assertThat(System.getProperty(EngineSetup.OPT_OUT_TRACKING) != null || System.getenv(EngineSetup.OPT_OUT_TRACKING) != null)
                .isTrue();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(engine.getVersion()).isEqualTo("2.7.1");
    }

    @Test
    void propertyIsSetWhenTheUserSetNothing() {
        String before = System.getProperty(EngineSetup.OPT_OUT_TRACKING);
        try {
            System.clearProperty(EngineSetup.OPT_OUT_TRACKING);
            EngineSetup.optOutOfTracking(name -> null);
            assertThat(System.getProperty(EngineSetup.OPT_OUT_TRACKING)).isEqualTo("true");
        } finally {
            restore(before);
        }
    }

    @Test
    void environmentVariableCountsAsAUserSetting() {
        String before = System.getProperty(EngineSetup.OPT_OUT_TRACKING);
        try {
            System.clearProperty(EngineSetup.OPT_OUT_TRACKING);
            EngineSetup.optOutOfTracking(name -> "false");
            assertThat(System.getProperty(EngineSetup.OPT_OUT_TRACKING)).isNull();
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(EngineSetup.OPT_OUT_TRACKING);
        } else {
            System.setProperty(EngineSetup.OPT_OUT_TRACKING, before);
        }
    }

    @Test
    void userSettingIsKept() {
        String before = System.getProperty(EngineSetup.OPT_OUT_TRACKING);
        try {
            System.setProperty(EngineSetup.OPT_OUT_TRACKING, "custom");
            EngineSetup.optOutOfTracking();
            assertThat(System.getProperty(EngineSetup.OPT_OUT_TRACKING)).isEqualTo("custom");
        } finally {
            restore(before);
        }
    }

    @Test
    void cpuAndAutoSelectTheCpuWithoutGpus() {
        assertThat(DeviceSelector.select("cpu")).isEqualTo(Device.cpu());
        org.junit.jupiter.api.Assumptions.assumeTrue(EngineSetup.engine().getGpuCount() == 0, "this machine has a GPU");
        assertThat(DeviceSelector.select("auto")).isEqualTo(Device.cpu());
    }

    @Test
    void rejectsUnknownDevices() {
        assertThatThrownBy(() -> DeviceSelector.select("tpu"))
                .hasMessage("Unknown device 'tpu'; use auto, cpu, gpu, gpu:N or mps");
        assertThatThrownBy(() -> DeviceSelector.select("gpu:x"))
                .hasMessage("Invalid device 'gpu:x': the GPU number must be an integer, as in gpu:0");
        assertThatThrownBy(() -> DeviceSelector.select("gpu:3"))
                .hasMessageStartingWith("Device 'gpu:3' is not available: the engine sees 0 CUDA GPUs");
    }
}

package dev.unstacker.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the device to train on: Apple MPS, then CUDA, then CPU, unless a device is
 * named.
 */
public final class DeviceSelector {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    /** The preference that picks the best available device. */
    public static final String AUTO = "auto";

    private DeviceSelector() {}

    /**
     * Returns the device for a preference.
     *
     * @param preference {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N} or {@code mps}
     * @return the device
     * @throws IllegalArgumentException if the preference is not one of those, or names a GPU that
     *     the engine does not see
     */
    public static Device select(String preference) {
        String key = checkName(preference);
        Engine engine = EngineSetup.engine();
        if (key.equals(AUTO)) {
            return automatic(engine);
        }
        if (key.equals("cpu")) {
            return Device.cpu();
        }
        if (key.equals("mps")) {
            return Device.of("mps", -1);
        }
        // checkName has already parsed the number of a gpu:N preference.
        int id = key.equals("gpu") ? 0 : Integer.parseInt(key.substring(4));
        if (id >= engine.getGpuCount()) {
            throw new IllegalArgumentException(
                    "Device '" + preference + "' is not available: the engine sees "
                            + engine.getGpuCount() + " CUDA GPUs; use auto or cpu");
        }
        return Device.gpu(id);
    }

    /**
     * Checks the form of a device preference without starting the engine, so a typing error is
     * reported before any data is loaded.
     *
     * @param preference {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N} or {@code mps}; null
     *     means {@code auto}
     * @return the preference in lower case, trimmed
     * @throws IllegalArgumentException if the preference is not one of those forms
     */
    public static String checkName(String preference) {
        String key = preference == null ? AUTO : preference.trim().toLowerCase(Locale.ROOT);
        if (key.equals(AUTO) || key.equals("cpu") || key.equals("mps") || key.equals("gpu")) {
            return key;
        }
        if (key.startsWith("gpu:") && parseGpuId(preference, key.substring(4)) >= 0) {
            return key;
        }
        throw new IllegalArgumentException(
                "Unknown device '" + preference + "'; use auto, cpu, gpu, gpu:N or mps");
    }

    private static int parseGpuId(String preference, String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid device '" + preference + "': the GPU number must be an integer, as in gpu:0", e);
        }
    }

    private static Device automatic(Engine engine) {
        if (isAppleSilicon() && works(engine, Device.of("mps", -1))) {
            return Device.of("mps", -1);
        }
        if (engine.getGpuCount() > 0) {
            return Device.gpu(0);
        }
        return Device.cpu();
    }

    private static boolean isAppleSilicon() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") && arch.equals("aarch64");
    }

    private static boolean works(Engine engine, Device device) {
        try (NDManager manager = engine.newBaseManager(device)) {
            manager.ones(new ai.djl.ndarray.types.Shape(1)).toFloatArray();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Device {} is not usable: {}", device, e.getMessage());
            return false;
        }
    }
}

package dev.unstacker.core.io;

import dev.unstacker.core.model.OutputMode;
import dev.unstacker.core.model.SeparatorConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a model folder's {@code model.json}: what the network is, what it was trained to,
 * and which parameter file belongs to it.
 */
public final class ModelDescription {

    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    int formatVersion = FORMAT_VERSION;
    int sources;
    int imageHeight;
    int imageWidth;
    float[] weights;
    int width;
    int bottleneckBlocks;
    String outputMode;
    String loss;
    String parametersFile;
    String settingsSha256;
    String parametersSha256;
    long parametersBytes;
    Map<String, Object> metrics = new LinkedHashMap<>();
    Map<String, Object> provenance = new LinkedHashMap<>();

    ModelDescription() {}

    /**
     * Creates a description of a network.
     *
     * @param config the network's settings
     * @param imageHeight the image height it separates
     * @param imageWidth the image width it separates
     * @param loss the name of the distance it was trained with
     */
    public ModelDescription(SeparatorConfig config, int imageHeight, int imageWidth, String loss) {
        this.sources = config.sources();
        this.weights = config.weights();
        this.width = config.width();
        this.bottleneckBlocks = config.bottleneckBlocks();
        this.outputMode = config.outputMode().name();
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
        this.loss = loss;
    }

    /**
     * Returns the network settings stored in this description.
     *
     * @return the settings
     */
    public SeparatorConfig config() {
        return new SeparatorConfig(sources, weights.clone(), width, bottleneckBlocks, OutputMode.valueOf(outputMode));
    }

    /**
     * Returns the fields that decide how the parameters are used, as one line. Their SHA-256 is
     * stored as {@code settingsSha256}, so an edit of any of them is detected on load; metrics and
     * provenance may be edited freely.
     */
    String settingsText() {
        return String.join("|", String.valueOf(formatVersion), String.valueOf(sources), String.valueOf(imageHeight),
                String.valueOf(imageWidth), java.util.Arrays.toString(weights), String.valueOf(width),
                String.valueOf(bottleneckBlocks), outputMode, loss, parametersFile, parametersSha256,
                String.valueOf(parametersBytes));
    }

    /** Returns the image height the model separates, in pixels. */
    public int imageHeight() {
        return imageHeight;
    }

    /** Returns the image width the model separates, in pixels. */
    public int imageWidth() {
        return imageWidth;
    }

    /** Returns the name of the distance the model was trained with. */
    public String loss() {
        return loss;
    }

    /** Returns the format version read from the file. */
    public int formatVersion() {
        return formatVersion;
    }

    /**
     * Returns the measured quality of the model, such as {@code test_pit_mae}; the caller may add
     * entries before saving.
     *
     * @return a mutable map from metric name to value
     */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /**
     * Returns how the model was made, such as the command and the library version; the caller may
     * add entries before saving.
     *
     * @return a mutable map
     */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** Returns the settings a reader needs to know what the model separates, on one line. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "ModelDescription[format %d, %d sources weighted %s, %dx%d, width %d, bottleneck blocks %d, %s output,"
                        + " loss %s]",
                formatVersion, sources, java.util.Arrays.toString(weights), imageHeight, imageWidth, width,
                bottleneckBlocks, outputMode, loss);
    }
}

package dev.unstacker.core.io;

import dev.unstacker.api.ModelFormatException;
import dev.unstacker.core.model.OutputMode;
import dev.unstacker.core.model.SeparatorConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;

/** Checks every field of a model description, naming the first field that is wrong. */
final class DescriptionCheck {

    /** Parameter files above 1 GiB are rejected; that allows networks of up to about 268 million parameters. */
    static final long MAX_PARAMETER_BYTES = 1L << 30;

    private DescriptionCheck() {}

    static void check(Path file, ModelDescription d) throws ModelFormatException {
        if (d.formatVersion != ModelDescription.FORMAT_VERSION) {
            throw invalid(file, "formatVersion", d.formatVersion,
                    "this library reads format " + ModelDescription.FORMAT_VERSION
                            + "; save the model again with a matching Unstacker version");
        }

        if (d.sources < SeparatorConfig.MIN_SOURCES || d.sources > SeparatorConfig.MAX_SOURCES) {
            throw invalid(file, "sources", d.sources, SeparatorConfig.MIN_SOURCES + " to " + SeparatorConfig.MAX_SOURCES);
        }

        if (d.imageHeight < 4 || d.imageHeight > 1024 || d.imageHeight % 4 != 0) {
            throw invalid(file, "imageHeight", d.imageHeight, "a multiple of 4 from 4 to 1024");
        }

        if (d.imageWidth < 4 || d.imageWidth > 1024 || d.imageWidth % 4 != 0) {
            throw invalid(file, "imageWidth", d.imageWidth, "a multiple of 4 from 4 to 1024");
        }

        checkWeights(file, d);

        if (d.width < SeparatorConfig.MIN_WIDTH || d.width > SeparatorConfig.MAX_WIDTH) {
            throw invalid(file, "width", d.width, SeparatorConfig.MIN_WIDTH + " to " + SeparatorConfig.MAX_WIDTH);
        }

        if (d.bottleneckBlocks < SeparatorConfig.MIN_BLOCKS || d.bottleneckBlocks > SeparatorConfig.MAX_BLOCKS) {
            throw invalid(file, "bottleneckBlocks", d.bottleneckBlocks,
                    SeparatorConfig.MIN_BLOCKS + " to " + SeparatorConfig.MAX_BLOCKS);
        }

        if (d.outputMode == null || Arrays.stream(OutputMode.values()).noneMatch(m -> m.name().equals(d.outputMode))) {
            throw invalid(file, "outputMode", d.outputMode, Arrays.toString(OutputMode.values()));
        }

        if (d.parametersFile == null || !d.parametersFile.matches("parameters-[0-9a-f]{16}\\.params")) {
            throw invalid(file, "parametersFile", d.parametersFile, "a file name like parameters-<16 hex digits>.params");
        }

        if (d.parametersSha256 == null || !d.parametersSha256.matches("[0-9a-f]{64}")) {
            throw invalid(file, "parametersSha256", d.parametersSha256, "64 lower-case hex digits");
        }

        if (d.parametersBytes <= 0 || d.parametersBytes > MAX_PARAMETER_BYTES) {
            throw invalid(file, "parametersBytes", d.parametersBytes, "a positive byte count up to " + MAX_PARAMETER_BYTES);
        }

        // Metrics and provenance may be edited by hand, so an emptied section reads as empty.
        if (d.metrics == null) {
            d.metrics = new LinkedHashMap<>();
        }
        if (d.provenance == null) {
            d.provenance = new LinkedHashMap<>();
        }

        String settingsHash = Hashing.sha256(d.settingsText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!settingsHash.equals(d.settingsSha256)) {
            throw new ModelFormatException(
                    file + " was edited after saving: its settings do not match settingsSha256 ("
                            + d.settingsSha256 + "); only metrics and provenance may be changed by hand."
                            + " Save the model again to change its settings");
        }
    }

    private static void checkWeights(Path file, ModelDescription d) throws ModelFormatException {
        if (d.weights == null || d.weights.length != d.sources) {
            throw invalid(file, "weights", d.weights == null ? null : Arrays.toString(d.weights),
                    d.sources + " positive weights summing to 1");
        }
        String problem = SeparatorConfig.weightsProblem(d.weights);
        if (problem != null) {
            throw new ModelFormatException(file + " has an invalid weights: " + Arrays.toString(d.weights) + problem);
        }
    }

    private static ModelFormatException invalid(Path file, String field, Object value, String allowed) {
        return new ModelFormatException(
                file + " has an invalid " + field + ": " + value + "; expected " + allowed);
    }
}

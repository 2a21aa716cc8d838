package dev.unstacker.examples.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import dev.unstacker.api.EpochResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code metrics.json} file of an experiment: the final metrics and the per-epoch history.
 *
 * <p>The file is one JSON object with the caller's metrics in the caller's order, then
 * {@code history}, a list of objects with the keys {@code epoch}, {@code elapsed_seconds},
 * {@code train_loss}, {@code val_pit_mae}, {@code val_psnr_db} and {@code samples_per_second}.
 * NaN and infinite numbers are written as {@code null}, because JSON has no literal for them.
 */
public final class MetricsJson {

    /** The key of the per-epoch list. */
    public static final String HISTORY = "history";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private static final TypeToken<Map<String, Object>> METRICS_TYPE = new TypeToken<>() {};

    private MetricsJson() {}

    /**
     * Writes the metrics and the history and replaces {@code json} atomically.
     *
     * @param json the file to write, whose folder is created if missing
     * @param metrics values Gson can serialize, in the order to write them, such as numbers,
     *     strings, lists and maps
     * @param history finished epochs, in the order to write them
     * @throws IllegalArgumentException if {@code metrics} has a {@value #HISTORY} key
     * @throws IOException if the file cannot be written
     */
    public static void write(Path json, Map<String, Object> metrics, List<EpochResult> history)
            throws IOException {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(history, "history");
        if (metrics.containsKey(HISTORY)) {
            throw new IllegalArgumentException("Metrics contain the key \"" + HISTORY
                    + "\", which is reserved for the epoch list. Rename that metric.");
        }

        JsonObject root = new JsonObject();
        for (Map.Entry<String, Object> metric : metrics.entrySet()) {
            root.add(metric.getKey(), finiteOrNull(GSON.toJsonTree(metric.getValue())));
        }
        JsonArray epochs = new JsonArray();
        for (EpochResult result : history) {
            epochs.add(toJson(result));
        }
        root.add(HISTORY, epochs);

        AtomicFiles.replaceText(json, GSON.toJson(root) + "\n");
    }

    /**
     * Reads a metrics file. Numbers are returned as {@link Double}, objects as maps, lists as lists
     * and {@code null} as null, so {@code history} is a list of maps.
     *
     * @throws IOException if the file cannot be read or is not a JSON object
     */
    public static Map<String, Object> read(Path json) throws IOException {
        String text = Files.readString(json, StandardCharsets.UTF_8);
        try {
            Map<String, Object> metrics = GSON.fromJson(text, METRICS_TYPE.getType());
            if (metrics == null) {
                throw new IOException("Metrics file " + json + " is empty.");
            }
            return metrics;
        } catch (JsonParseException e) {
            throw new IOException(
                    "Metrics file " + json + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the history of a metrics file back into epoch results. A {@code null} number becomes
     * NaN.
     *
     * @throws IOException if the file cannot be read or has no valid {@value #HISTORY} list
     */
    public static List<EpochResult> readHistory(Path json) throws IOException {
        Object history = read(json).get(HISTORY);
        if (!(history instanceof List<?> epochs)) {
            throw new IOException("Metrics file " + json + " has no \"" + HISTORY + "\" list.");
        }
        List<EpochResult> results = new ArrayList<>();
        for (Object epoch : epochs) {
            if (!(epoch instanceof Map<?, ?> values)) {
                throw new IOException(
                        "Metrics file " + json + " has a history entry that is not an object: "
                                + epoch);
            }
            results.add(new EpochResult(
                    (int) number(values, "epoch", json),
                    number(values, "elapsed_seconds", json),
                    number(values, "train_loss", json),
                    number(values, "val_pit_mae", json),
                    number(values, "val_psnr_db", json),
                    number(values, "samples_per_second", json)));
        }
        return results;
    }

    private static JsonObject toJson(EpochResult result) {
        JsonObject epoch = new JsonObject();
        epoch.addProperty("epoch", result.epoch());
        epoch.add("elapsed_seconds", finiteOrNull(result.elapsedSeconds()));
        epoch.add("train_loss", finiteOrNull(result.trainLoss()));
        epoch.add("val_pit_mae", finiteOrNull(result.validationPitMae()));
        epoch.add("val_psnr_db", finiteOrNull(result.validationPsnrDb()));
        epoch.add("samples_per_second", finiteOrNull(result.samplesPerSecond()));
        return epoch;
    }

    private static JsonElement finiteOrNull(double value) {
        return finiteOrNull(GSON.toJsonTree(value));
    }

    /** Replaces NaN and infinite numbers anywhere in {@code element} by JSON null. */
    private static JsonElement finiteOrNull(JsonElement element) {
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
            return Double.isFinite(element.getAsDouble()) ? element : JsonNull.INSTANCE;
        }
        if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                array.set(i, finiteOrNull(array.get(i)));
            }
        } else if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                entry.setValue(finiteOrNull(entry.getValue()));
            }
        }
        return element;
    }

    private static double number(Map<?, ?> values, String key, Path json) throws IOException {
        if (!values.containsKey(key)) {
            throw new IOException(
                    "Metrics file " + json + " has a history entry without \"" + key + "\".");
        }
        Object value = values.get(key);
        if (value == null) {
            return Double.NaN;
        }
        if (!(value instanceof Number number)) {
            throw new IOException(String.format(
                    "Metrics file %s: history key \"%s\" is %s, expected a number.",
                    json, key, value));
        }
        return number.doubleValue();
    }
}

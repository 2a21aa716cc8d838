package dev.unstacker.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.model.SeparatorNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    private static final SeparatorConfig CONFIG = SeparatorConfig.defaults(2).withWidth(8).withBottleneckBlocks(1);

    @TempDir
    Path temp;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = EngineSetup.engine().newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private SeparatorNet network(int seed, SeparatorConfig config) {
        EngineSetup.engine().setRandomSeed(seed);
        SeparatorNet net = new SeparatorNet(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        return net;
    }

    private static ModelDescription description(SeparatorConfig config) {
        ModelDescription description = new ModelDescription(config, 28, 28, "l1");
        description.metrics().put("test_pit_mae", 0.02);
        return description;
    }

    private float[] output(SeparatorNet net) {
        EngineSetup.engine().setRandomSeed(5);
        NDArray mixture = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
        return net.forward(new ParameterStore(manager, false), new NDList(mixture), false).singletonOrThrow().toFloatArray();
    }

    private Path parametersFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void loadedNetworkGivesTheSameOutput() throws Exception {
            SeparatorNet saved = network(1, CONFIG);
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, saved, description(CONFIG));

            ModelFolder.Loaded loaded = ModelFolder.load(folder, manager);

            assertThat(output(loaded.block())).containsExactly(output(saved));
            assertThat(loaded.description().config()).isEqualTo(CONFIG);
            assertThat(loaded.description().metrics()).containsEntry("test_pit_mae", 0.02);
        }

        @Test
        void loadedDescriptionPrintsItsSettings() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));

            String text = ModelFolder.load(folder, manager).description().toString();

            assertThat(text).isEqualTo("ModelDescription[format 1, 2 sources weighted [0.5, 0.5], 28x28, width 8,"
                    + " bottleneck blocks 1, BOUNDED output, loss l1]");
        }

        @Test
        void savingAgainLeavesOneParameterFile() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            ModelFolder.save(folder, network(2, CONFIG), description(CONFIG));
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                        .hasSize(2)
                        .contains(ModelFolder.DESCRIPTION_FILE);
            }
        }
    }

    @Nested
    class Rejects {

        @Test
        void missingFolder() {
            Path folder = temp.resolve("absent");
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage("Model folder " + folder + " does not exist or is not a directory; pass a folder written by Unstacker.save");
        }

        @Test
        void folderWithoutDescription() throws Exception {
            Path folder = Files.createDirectories(temp.resolve("empty"));
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has no model.json; it is not a model folder, or its save did not finish");
        }

        @Test
        void truncatedDescription() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            Path json = folder.resolve(ModelFolder.DESCRIPTION_FILE);
            String text = Files.readString(json);
            Files.writeString(json, text.substring(0, text.length() / 2));
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("is not valid JSON")
                    .hasMessageContaining("damaged or truncated");
        }

        @Test
        void tamperedParameterFile() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            Path parameters = parametersFile(folder);
            byte[] bytes = Files.readAllBytes(parameters);
            bytes[bytes.length - 10] ^= 0x40;
            Files.write(parameters, bytes);

            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("Parameter file " + parameters + " has SHA-256")
                    .hasMessageContaining("was modified or damaged after saving");
        }

        @Test
        void truncatedParameterFile() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            Path parameters = parametersFile(folder);
            byte[] bytes = Files.readAllBytes(parameters);
            Files.write(parameters, Arrays.copyOf(bytes, bytes.length / 3));

            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has " + bytes.length / 3 + " bytes but model.json expects " + bytes.length)
                    .hasMessageContaining("truncated");
        }

        @Test
        void missingParameterFile() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            Path parameters = parametersFile(folder);
            Files.delete(parameters);
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage("Parameter file " + parameters + " named in model.json is missing");
        }

        @Test
        void otherFormatVersion() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            editDescription(folder, "\"formatVersion\": 1", "\"formatVersion\": 7");
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has an invalid formatVersion: 7; expected this library reads format 1");
        }

        @Test
        void weightsThatDoNotSumToOne() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            editDescription(folder, "0.5,\n    0.5", "0.5,\n    0.7");
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has an invalid weights: [0.5, 0.7]");
        }

        @Test
        void parametersOfAnotherWidth() throws Exception {
            Path wide = temp.resolve("wide");
            Path narrow = temp.resolve("narrow");
            SeparatorConfig wider = CONFIG.withWidth(12);
            ModelFolder.save(wide, network(1, wider), description(wider));
            ModelFolder.save(narrow, network(1, CONFIG), description(CONFIG));

            // A consistent folder whose description states width 8 but whose parameters have width 12.
            ModelDescription wideDescription = ModelFolder.readDescription(wide);
            ModelDescription forged = ModelFolder.readDescription(narrow);
            Files.delete(parametersFile(narrow));
            Files.copy(wide.resolve(wideDescription.parametersFile), narrow.resolve(wideDescription.parametersFile));
            forged.parametersFile = wideDescription.parametersFile;
            forged.parametersSha256 = wideDescription.parametersSha256;
            forged.parametersBytes = wideDescription.parametersBytes;
            forged.settingsSha256 = Hashing.sha256(forged.settingsText().getBytes(StandardCharsets.UTF_8));
            Files.writeString(narrow.resolve(ModelFolder.DESCRIPTION_FILE), new com.google.gson.Gson().toJson(forged));

            assertThatThrownBy(() -> ModelFolder.load(narrow, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("Parameter file")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("does not fit the network", "other shapes"));
        }

        @Test
        void editedSettings() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            editDescription(folder, "\"BOUNDED\"", "\"FREE\"");
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("was edited after saving")
                    .hasMessageContaining("only metrics and provenance may be changed by hand");
        }

        @Test
        void editedMetricsStillLoad() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            editDescription(folder, "\"test_pit_mae\": 0.02", "\"test_pit_mae\": 0.03");
            assertThat(ModelFolder.load(folder, manager).description().metrics()).containsEntry("test_pit_mae", 0.03);
        }

        @Test
        void nullMetricsLoadAsEmpty() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            String text = Files.readString(folder.resolve(ModelFolder.DESCRIPTION_FILE));
            Files.writeString(folder.resolve(ModelFolder.DESCRIPTION_FILE),
                    text.replaceAll("(?s)\"metrics\": \\{.*?\\}", "\"metrics\": null")
                            .replaceAll("(?s)\"provenance\": \\{.*?\\}", "\"provenance\": null"));

            ModelDescription loaded = ModelFolder.load(folder, manager).description();

            assertThat(loaded.metrics()).isEmpty();
            assertThat(loaded.provenance()).isEmpty();
        }

        @Test
        void hugeParameterFileFailsFast() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(parametersFile(folder).toFile(), "rw")) {
                file.setLength(3L << 30);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has " + (3L << 30) + " bytes but model.json expects");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
        }

        @Test
        void wrongValueType() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.save(folder, network(1, CONFIG), description(CONFIG));
            editDescription(folder, "\"sources\": 2", "\"sources\": \"two\"");
            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has a field with a value of the wrong type")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("https://"));
        }

        @Test
        void savingOntoARegularFile() throws Exception {
            Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
            assertThatThrownBy(() -> ModelFolder.save(file, network(1, CONFIG), description(CONFIG)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("Cannot save the model to " + file + ": it is a file, not a folder; pass a folder path");
        }

        private void editDescription(Path folder, String from, String to) throws IOException {
            Path json = folder.resolve(ModelFolder.DESCRIPTION_FILE);
            String text = Files.readString(json, StandardCharsets.UTF_8);
            assertThat(text).contains(from);
            Files.writeString(json, text.replace(from, to), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class AtomicSave {

        /** Returns a writer that fails on one file name and writes every other file normally. */
        private ModelFolder.FileWriter failingOn(String fileName, String message) {
            return (target, content) -> {
                if (target.getFileName().toString().equals(fileName)) {
                    throw new IOException(message);
                }
                ModelFolder.writeDurably(target, content);
            };
        }

        @Test
        void failureWritingTheDescriptionKeepsTheOldModel() throws Exception {
            Path folder = temp.resolve("model");
            SeparatorNet old = network(1, CONFIG);
            ModelFolder.save(folder, old, description(CONFIG));
            float[] oldOutput = output(old);

            ModelFolder.FileWriter failOnDescription = failingOn(ModelFolder.DESCRIPTION_FILE, "simulated full disk");
            assertThatThrownBy(() -> ModelFolder.save(folder, network(2, CONFIG), description(CONFIG), failOnDescription))
                    .isInstanceOf(IOException.class)
                    .hasMessage("simulated full disk");

            assertThat(output(ModelFolder.load(folder, manager).block())).containsExactly(oldOutput);
        }

        @Test
        void crashMidParametersKeepsOldModel() throws Exception {
            Path folder = temp.resolve("model");
            SeparatorNet old = network(1, CONFIG);
            ModelFolder.save(folder, old, description(CONFIG));
            float[] oldOutput = output(old);

            ModelFolder.FileWriter crashHalfway = (target, content) -> {
                Path temporary = target.resolveSibling(target.getFileName() + ".partial.tmp");
                Files.write(temporary, Arrays.copyOf(content, content.length / 2));
                Files.delete(temporary);
                throw new IOException("simulated crash while writing " + target.getFileName());
            };
            assertThatThrownBy(() -> ModelFolder.save(folder, network(2, CONFIG), description(CONFIG), crashHalfway))
                    .isInstanceOf(IOException.class);

            assertThat(output(ModelFolder.load(folder, manager).block())).containsExactly(oldOutput);
            try (Stream<Path> files = Files.list(folder)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertThat(names).noneMatch(name -> name.endsWith(".tmp"));
            }
        }

        @Test
        void unfinishedFirstSaveDoesNotLoad() throws Exception {
            Path folder = temp.resolve("new-model");
            ModelFolder.FileWriter failOnDescription = failingOn(ModelFolder.DESCRIPTION_FILE, "simulated crash");
            assertThatThrownBy(() -> ModelFolder.save(folder, network(1, CONFIG), description(CONFIG), failOnDescription))
                    .isInstanceOf(IOException.class);

            assertThatThrownBy(() -> ModelFolder.load(folder, manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("its save did not finish");
        }

        @Test
        void nextSaveRemovesParametersOfAFailedSave() throws Exception {
            Path folder = temp.resolve("model");
            ModelFolder.FileWriter failOnDescription = failingOn(ModelFolder.DESCRIPTION_FILE, "simulated crash");
            assertThatThrownBy(() -> ModelFolder.save(folder, network(1, CONFIG), description(CONFIG), failOnDescription))
                    .isInstanceOf(IOException.class);
            ModelFolder.save(folder, network(2, CONFIG), description(CONFIG));

            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.filter(f -> f.toString().endsWith(".params")).count()).isEqualTo(1);
            }
        }
    }
}

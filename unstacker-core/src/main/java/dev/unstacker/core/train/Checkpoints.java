package dev.unstacker.core.train;

import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.io.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checkpoint folder of a run: {@code last/} and {@code best/} model folders, Adam's moments in
 * {@code optimizer-N.bin} for the last epoch N, and {@code state.json}.
 *
 * <p>The state is written last, and the moments of the epoch before are deleted only after it. A
 * crash before the state is written leaves the state and moments of the epoch before, so the
 * resumed run repeats the last epoch. NOTE: {@code last/} may already contain that epoch's
 * parameters, and then the repeated epoch starts from them with the moments of the epoch before.
 */
final class Checkpoints {

    static final String STATE_FILE = "state.json";

    private static final Pattern OPTIMIZER_FILE = Pattern.compile("optimizer-[0-9]+\\.bin");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final Path directory;

    Checkpoints(Path directory) {
        this.directory = directory;
    }

    Path last() {
        return directory.resolve("last");
    }

    Path best() {
        return directory.resolve("best");
    }

    /** Returns the path of a file named in the state, such as its optimizer file. */
    Path file(String name) {
        return directory.resolve(name);
    }

    /**
     * Saves the network as the last checkpoint, and as the best when {@code isBest}, then the
     * optimizer's moments, then the state, which records the name of the moments' file.
     */
    void save(Block block, ModelDescription description, TrainingState state, boolean isBest, ResumableAdam optimizer)
            throws IOException {
        ModelFolder.save(last(), block, description);
        if (isBest) {
            ModelFolder.save(best(), block, description);
        }
        Files.createDirectories(directory);
        String optimizerFile = "optimizer-" + state.epochsCompleted + ".bin";
        optimizer.save(directory.resolve(optimizerFile), block.getParameters());
        state.optimizerFile = optimizerFile;
        state.optimizerUpdates = optimizer.updateCount();

        Path file = directory.resolve(STATE_FILE);
        Path temporary = directory.resolve(STATE_FILE + ".tmp");
        Files.writeString(temporary, GSON.toJson(state), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteOtherOptimizerFiles(optimizerFile);
    }

    private void deleteOtherOptimizerFiles(String current) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path other : files.toList()) {
                String name = other.getFileName().toString();
                if (!name.equals(current) && OPTIMIZER_FILE.matcher(name).matches()) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    /**
     * Reads the state of a previous run, or returns null if the folder has none.
     *
     * @throws ModelFormatException if the state exists but is damaged or belongs to other settings
     */
    TrainingState read(String fingerprint) throws ModelFormatException {
        Path file = directory.resolve(STATE_FILE);
        if (!Files.exists(file) || !Files.isDirectory(last())) {
            return null;
        }
        TrainingState state;
        try {
            state = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), TrainingState.class);
        } catch (IOException | JsonParseException e) {
            throw new ModelFormatException("Cannot read the training state " + file + ": " + e.getMessage()
                    + "; delete the checkpoint folder to start over", e);
        }
        if (state == null || !fingerprint.equals(state.fingerprint)) {
            throw new ModelFormatException(
                    "The checkpoints in " + directory + " belong to a run with other settings ("
                            + (state == null ? "empty state" : difference(state.fingerprint, fingerprint))
                            + "); use the same settings to resume, or another output folder, or delete it to start over");
        }
        return state;
    }

    /** Names the settings that differ between two fingerprints, which list settings separated by spaces. */
    private static String difference(String saved, String current) {
        List<String> savedParts = saved == null ? List.of() : List.of(saved.split(" "));
        List<String> currentParts = List.of(current.split(" "));
        String before = savedParts.stream().filter(part -> !currentParts.contains(part)).collect(Collectors.joining(" "));
        String now = currentParts.stream().filter(part -> !savedParts.contains(part)).collect(Collectors.joining(" "));
        return "checkpoints: " + before + "; this run: " + now;
    }
}

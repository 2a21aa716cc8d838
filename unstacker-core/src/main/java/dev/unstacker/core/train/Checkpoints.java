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

/**
 * The checkpoint folder of a run: {@code last/} and {@code best/} model folders and
 * {@code state.json}.
 *
 * <p>The state is written after the model folders, so a crash between the two leaves a state that
 * points at most one epoch back; the resumed run then repeats that epoch.
 */
final class Checkpoints {

    static final String STATE_FILE = "state.json";

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

    /** Saves the network as the last checkpoint, and as the best when {@code isBest}, then the state. */
    void save(Block block, ModelDescription description, TrainingState state, boolean isBest) throws IOException {
        ModelFolder.save(last(), block, description);
        if (isBest) {
            ModelFolder.save(best(), block, description);
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(STATE_FILE);
        Path temporary = directory.resolve(STATE_FILE + ".tmp");
        Files.writeString(temporary, GSON.toJson(state), StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
                            + (state == null ? "empty state" : state.fingerprint) + ", this run: " + fingerprint
                            + "); use another output folder or delete it to start over");
        }
        return state;
    }
}

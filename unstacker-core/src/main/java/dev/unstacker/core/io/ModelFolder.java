package dev.unstacker.core.io;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.core.model.SeparatorNet;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and writes a model folder: {@code model.json} and one parameter file in DJL's format.
 *
 * <p>Saving is atomic. The parameters go to a new file with a unique name, which is flushed to disk;
 * then {@code model.json}, which names that file and its SHA-256, replaces the old one by an atomic
 * rename; only then is the old parameter file deleted. A crash at any point leaves a folder that
 * loads either the old model or the new one, and a folder whose first save failed has no
 * {@code model.json}, so it does not load at all.
 */
public final class ModelFolder {

    /** The description file in every model folder. */
    public static final String DESCRIPTION_FILE = "model.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ModelFolder() {}

    /**
     * Writes a network and its description into a folder, creating the folder if needed.
     *
     * @param folder the model folder
     * @param block an initialized network
     * @param description its description; the parameter fields are filled in here
     * @throws IOException if writing fails; the folder then still contains what it contained before
     */
    public static void save(Path folder, Block block, ModelDescription description) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("Cannot save the model to " + folder + ": it is a file, not a folder; pass a folder path");
        }
        save(folder, block, description, ModelFolder::writeDurably);
    }

    /** Saves with a replaceable file writer, so tests can make a write fail part-way. */
    static void save(Path folder, Block block, ModelDescription description, FileWriter writer) throws IOException {
        Files.createDirectories(folder);

        byte[] parameters = serialize(block);
        String hash = Hashing.sha256(parameters);
        String parametersFile = "parameters-" + hash.substring(0, 16) + ".params";
        writer.write(folder.resolve(parametersFile), parameters);

        description.parametersFile = parametersFile;
        description.parametersSha256 = hash;
        description.parametersBytes = parameters.length;
        description.formatVersion = ModelDescription.FORMAT_VERSION;
        description.settingsSha256 = Hashing.sha256(description.settingsText().getBytes(StandardCharsets.UTF_8));
        writer.write(folder.resolve(DESCRIPTION_FILE), GSON.toJson(description).getBytes(StandardCharsets.UTF_8));

        // Also removes parameter files left behind by saves that failed before their model.json.
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("parameters-") && name.endsWith(".params") && !name.equals(parametersFile)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Reads the description of a model folder and checks it, without loading parameters.
     *
     * @param folder the model folder
     * @return the description
     * @throws ModelFormatException if the folder or its description is missing, unreadable or
     *     inconsistent
     */
    public static ModelDescription readDescription(Path folder) throws ModelFormatException {
        if (!Files.isDirectory(folder)) {
            throw new ModelFormatException(
                    "Model folder " + folder + " does not exist or is not a directory; pass a folder written by Unstacker.save");
        }
        Path file = folder.resolve(DESCRIPTION_FILE);
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(
                    "Model folder " + folder + " has no " + DESCRIPTION_FILE
                            + "; it is not a model folder, or its save did not finish", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        ModelDescription description;
        try {
            description = GSON.fromJson(json, ModelDescription.class);
        } catch (com.google.gson.JsonSyntaxException e) {
            if (e.getCause() instanceof IllegalStateException || e.getCause() instanceof NumberFormatException) {
                throw new ModelFormatException(
                        file + " has a field with a value of the wrong type (" + gsonMessage(e)
                                + "); the file was edited or written by another program", e);
            }
            throw new ModelFormatException(file + " is not valid JSON (" + gsonMessage(e) + "); the file is damaged or truncated", e);
        } catch (JsonParseException e) {
            throw new ModelFormatException(file + " is not valid JSON (" + gsonMessage(e) + "); the file is damaged or truncated", e);
        }
        if (description == null) {
            throw new ModelFormatException(file + " is empty or contains only null; the file is damaged or truncated");
        }
        DescriptionCheck.check(file, description);
        return description;
    }

    /**
     * Loads the parameters of a model folder into a new, initialized network, after checking the
     * description, the parameter file's size and SHA-256, and every parameter's shape.
     *
     * @param folder the model folder
     * @param manager the manager that will own the parameters
     * @return the description and the network
     * @throws ModelFormatException if any part of the folder is missing, damaged or incompatible
     */
    public static Loaded load(Path folder, NDManager manager) throws ModelFormatException {
        ModelDescription description = readDescription(folder);
        SeparatorNet block = new SeparatorNet(description.config());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, description.imageHeight, description.imageWidth));
        restore(folder, description, block, manager);
        return new Loaded(description, block);
    }

    /**
     * Loads the parameters of a model folder into an initialized network of the same settings, after
     * checking the parameter file's size and SHA-256, and afterwards every parameter's shape.
     *
     * @param folder the model folder
     * @param description its description, from {@link #readDescription}
     * @param block an initialized network built from {@code description.config()}
     * @param manager the manager that will own the parameters
     * @throws ModelFormatException if the parameter file is missing, damaged or does not fit
     */
    public static void restore(Path folder, ModelDescription description, Block block, NDManager manager)
            throws ModelFormatException {
        Path parametersPath = folder.resolve(description.parametersFile);
        byte[] parameters;
        try {
            // Compare sizes before reading, so a huge replaced file fails fast instead of filling memory.
            long size = Files.size(parametersPath);
            if (size != description.parametersBytes) {
                throw new ModelFormatException(
                        "Parameter file " + parametersPath + " has " + size + " bytes but "
                                + DESCRIPTION_FILE + " expects " + description.parametersBytes
                                + "; the file is truncated or was replaced");
            }
            parameters = Files.readAllBytes(parametersPath);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(
                    "Parameter file " + parametersPath + " named in " + DESCRIPTION_FILE + " is missing", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + parametersPath + ": " + e.getMessage(), e);
        }
        if (parameters.length != description.parametersBytes) {
            throw new ModelFormatException(
                    "Parameter file " + parametersPath + " has " + parameters.length + " bytes but "
                            + DESCRIPTION_FILE + " expects " + description.parametersBytes
                            + "; the file is truncated or was replaced");
        }
        String hash = Hashing.sha256(parameters);
        if (!hash.equals(description.parametersSha256)) {
            throw new ModelFormatException(
                    "Parameter file " + parametersPath + " has SHA-256 " + hash + " but "
                            + DESCRIPTION_FILE + " expects " + description.parametersSha256
                            + "; the file was modified or damaged after saving");
        }

        // DJL does not compare parameter shapes on load, so a file from a narrower network would load.
        List<Shape> expected = shapes(block);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new ModelFormatException(
                    "Parameter file " + parametersPath + " does not fit the network described in "
                            + DESCRIPTION_FILE + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        List<Shape> actual = shapes(block);
        if (!expected.equals(actual)) {
            throw new ModelFormatException(
                    "Parameter file " + parametersPath + " contains parameters of other shapes than the network in "
                            + DESCRIPTION_FILE + " needs (expected " + expected + ", found " + actual + ")");
        }
    }

    /** Returns Gson's message without its troubleshooting link. */
    private static String gsonMessage(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int link = message.indexOf("\nSee https");
        return link >= 0 ? message.substring(0, link) : message;
    }

    private static List<Shape> shapes(Block block) {
        List<Shape> shapes = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            shapes.add(parameter.getValue().getArray().getShape());
        }
        return shapes;
    }

    private static byte[] serialize(Block block) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes bytes to a temporary sibling, forces them to disk, and renames it over the target, so
     * the target contains either its old content or all of the new.
     */
    static void writeDurably(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                            temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                out.write(content);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes a whole file or fails; {@link #writeDurably} in production. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path target, byte[] content) throws IOException;
    }

    /**
     * A loaded model folder.
     *
     * @param description the checked description
     * @param block the network with the folder's parameters
     */
    public record Loaded(ModelDescription description, SeparatorNet block) {}
}

package dev.unstacker;

import ai.djl.modality.cv.Image;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.api.Separation;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.inference.ImageInput;
import dev.unstacker.core.inference.SeparationOptions;
import dev.unstacker.core.inference.SeparatorRuntime;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.io.ModelFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained separator: it splits an image made by averaging K images back into K estimates.
 *
 * <p>Get one by loading a saved model folder ({@link #load(Path)}), the bundled Fashion-MNIST model
 * ({@code load("fashion-mnist")}), or by training ({@link #builder()}). Every {@code separate}
 * method is safe to call from many threads at once. Close the unstacker to free its native memory;
 * calls after {@link #close()} throw {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (Unstacker unstacker = Unstacker.load("fashion-mnist")) {
 *     Separation separation = unstacker.separate(ImageIO.read(new File("overlay.png")));
 *     BufferedImage first = separation.images().get(0);
 * }
 * }</pre>
 */
public final class Unstacker implements AutoCloseable {

    /** The name of the bundled model trained on averaged pairs of Fashion-MNIST images. */
    public static final String FASHION_MNIST = PretrainedModels.FASHION_MNIST;

    private final SeparatorRuntime runtime;
    private final ModelDescription description;
    private final String source;

    private Unstacker(SeparatorRuntime runtime, String source) {
        this.runtime = runtime;
        this.description = runtime.description();
        this.source = source;
    }

    /**
     * Returns a builder that trains a new unstacker.
     *
     * @return a builder with the Fashion-MNIST experiment's defaults
     */
    public static UnstackerBuilder builder() {
        return new UnstackerBuilder();
    }

    /**
     * Loads a model folder written by {@link #save(Path)} or by the {@code experiment} command.
     *
     * @param folder the model folder
     * @return the unstacker
     * @throws ModelFormatException if the folder is missing, truncated, tampered with or incompatible
     */
    public static Unstacker load(Path folder) throws ModelFormatException {
        Objects.requireNonNull(folder, "folder");
        return load(folder, folder.toString());
    }

    private static Unstacker load(Path folder, String source) throws ModelFormatException {
        EngineSetup.optOutOfTracking();
        return new Unstacker(SeparatorRuntime.load(folder), source);
    }

    /**
     * Loads a bundled model by name, or a model folder by path.
     *
     * @param nameOrFolder {@code fashion-mnist} for the bundled model, else a folder path
     * @return the unstacker
     * @throws ModelFormatException if the model cannot be found or is damaged
     */
    public static Unstacker load(String nameOrFolder) throws ModelFormatException {
        Objects.requireNonNull(nameOrFolder,
                "nameOrFolder must not be null; use '" + FASHION_MNIST + "' or the path of a saved model folder");
        if (nameOrFolder.isBlank()) {
            throw new ModelFormatException("The model name or folder is empty; use '" + FASHION_MNIST
                    + "' or the path of a saved model folder");
        }
        if (PretrainedModels.isBundled(nameOrFolder)) {
            Path folder = PretrainedModels.extract(nameOrFolder);
            try {
                return load(folder, "bundled model " + FASHION_MNIST);
            } finally {
                PretrainedModels.delete(folder);
            }
        }
        Path folder = Path.of(nameOrFolder);
        if (!Files.exists(folder)) {
            throw new ModelFormatException("No bundled model is named '" + nameOrFolder + "' and no folder "
                    + folder.toAbsolutePath() + " exists; use '" + FASHION_MNIST + "' or the path of a saved model folder");
        }
        return load(folder);
    }

    static Unstacker fromTraining(Path folder) throws ModelFormatException {
        return load(folder, "training in this process");
    }

    /**
     * Separates an image, converted as {@link SeparationOptions#defaults()} describes.
     *
     * @param image the mixture; colour, alpha, 16-bit and any size are converted
     * @return the K estimates at the model's size
     * @throws dev.unstacker.api.InvalidImageException if the image is null, empty or too large
     */
    public Separation separate(BufferedImage image) {
        return runtime.separate(image);
    }

    /**
     * Separates an image with explicit conversion options.
     *
     * @param image the mixture
     * @param options background handling and output size
     * @return the K estimates
     */
    public Separation separate(BufferedImage image, SeparationOptions options) {
        return runtime.separate(image, options);
    }

    /**
     * Separates a DJL image.
     *
     * @param image the mixture
     * @return the K estimates at the model's size
     */
    public Separation separate(Image image) {
        return runtime.separate(image, SeparationOptions.defaults());
    }

    /**
     * Separates an image file (PNG, JPEG, GIF, BMP).
     *
     * @param file the image file
     * @return the K estimates at the model's size
     * @throws dev.unstacker.api.InvalidImageException if the file is missing, empty, truncated, not an
     *     image, or larger than {@link ImageInput#MAX_PIXELS} pixels
     */
    public Separation separate(Path file) {
        return runtime.separate(file);
    }

    /**
     * Separates an image file with explicit conversion options.
     *
     * @param file the image file
     * @param options background handling and output size
     * @return the K estimates
     */
    public Separation separate(Path file, SeparationOptions options) {
        return runtime.separate(file, options);
    }

    /**
     * Separates a mixture given as row-major pixels at the model's size (28×28 for Fashion-MNIST),
     * values in [0, 1], taken as they are.
     *
     * @param pixels height × width values
     * @return the K estimates
     * @throws dev.unstacker.api.InvalidImageException if the length is wrong or a value is NaN,
     *     infinite or outside [0, 1]
     */
    public Separation separate(float[] pixels) {
        return runtime.separate(pixels);
    }

    /**
     * Separates many images in batched forward passes, the fast path for throughput.
     *
     * @param images the mixtures
     * @return one separation per image, in order
     */
    public List<Separation> separateAll(List<BufferedImage> images) {
        if (images == null) {
            throw new InvalidImageException("images must not be null; pass a list of images");
        }
        List<ImageInput> inputs = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) == null) {
                throw new InvalidImageException("images[" + i + "] must not be null");
            }
            inputs.add(ImageInput.of(images.get(i)));
        }
        return runtime.separateAll(inputs, SeparationOptions.defaults());
    }

    /**
     * Separates many model-sized pixel arrays in batched forward passes.
     *
     * @param mixtures arrays of height × width values in [0, 1]
     * @return one separation per array, in order
     */
    public List<Separation> separatePixels(List<float[]> mixtures) {
        return runtime.separateAll(mixtures);
    }

    /**
     * Writes this model to a folder atomically: a failure part-way leaves the folder's previous
     * model loadable, and a new folder that was not finished does not load.
     *
     * @param folder the model folder, created if missing
     * @throws IOException if writing fails
     * @throws IllegalStateException if this unstacker is closed
     */
    public void save(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        runtime.withBlock(block -> ModelFolder.save(folder, block, description));
    }

    /** Returns K, the number of images each mixture is separated into. */
    public int sourceCount() {
        return runtime.sourceCount();
    }

    /** Returns the image height the model works at, in pixels. */
    public int imageHeight() {
        return runtime.imageHeight();
    }

    /** Returns the image width the model works at, in pixels. */
    public int imageWidth() {
        return runtime.imageWidth();
    }

    /**
     * Returns the metrics stored with the model, such as {@code test_pit_mae} and
     * {@code test_psnr_db}.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> metrics() {
        // Not Map.copyOf, because a hand-edited model.json may contain null values.
        return Collections.unmodifiableMap(new LinkedHashMap<>(description.metrics()));
    }

    /** Returns the description stored with the model. */
    public ModelDescription description() {
        return description;
    }

    /** Waits for running calls, then frees the model. Calling it again does nothing. */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "Unstacker[sources=" + sourceCount() + ", size=" + imageHeight() + "x" + imageWidth()
                + ", from=" + source + "]";
    }
}

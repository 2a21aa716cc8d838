package dev.unstacker.core.inference;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.api.Separation;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.model.SeparatorNet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Separates mixtures with a trained {@link SeparatorNet}; safe to share between threads.
 *
 * <p>Forward passes run the network's {@link SeparatorNet#folded folded} form, in which every batch
 * normalization is merged into the convolution before it.
 *
 * <p>Each call borrows one of a pool of DJL predictors, by default as many as the machine has
 * processors, because a predictor serves one thread at a time. The network's parameters are frozen,
 * so no thread records an autograd graph. Every call's native arrays live in the predictor's
 * per-call context, which DJL closes when the call ends.
 *
 * <p>Estimates are clamped to [0, 1]. The mixture error of each result is the mean absolute
 * difference between the input and {@code Σ wᵢ·Eᵢ} of the clamped estimates, with the mixing
 * weights of the model's description, measured at the returned size and background.
 *
 * <p>{@link #close} waits for calls already running, then frees the predictors and the model; later
 * calls throw {@link IllegalStateException}.
 *
 * <p>NOTE: every forward pass also runs on PyTorch's intra-op threads, which DJL 0.36.0 sets from the
 * system property {@code ai.djl.pytorch.num_threads} when the engine starts. With many calls at once
 * there are then more threads than processors. On a small or busy machine, fewer predictors or
 * {@code num_threads=1} may be much faster.
 */
public final class SeparatorRuntime implements AutoCloseable {

    /** The largest number of mixtures that one forward pass takes; longer lists are split. */
    public static final int MAX_BATCH = 256;

    static final String CLOSED = "This Unstacker is closed; load the model again to use it";

    private final ModelDescription description;
    private final int sources;
    private final float[] weights;
    private final int height;
    private final int width;
    private final SeparatorNet block;
    private final ForwardRunner runner;

    private SeparatorRuntime(Model model, SeparatorNet block, ModelDescription description, int predictors) {
        if (block == null || description == null) {
            throw new IllegalArgumentException(
                    (block == null ? "block" : "description") + " must not be null; load a model with SeparatorRuntime.load");
        }
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block is not initialized; initialize it or load it with ModelFolder.load");
        }
        if (!block.config().equals(description.config())) {
            throw new IllegalArgumentException(
                    "block has settings " + block.config() + ", but the description has " + description.config());
        }
        if (predictors < 1) {
            throw new IllegalArgumentException("predictors must be at least 1, but is " + predictors);
        }
        block.freezeParameters(true);
        // Predictors run the folded form; saving and the caller's view keep the trainable network.
        model.setBlock(block.folded(model.getNDManager()));

        this.description = description;
        this.sources = description.config().sources();
        this.weights = description.config().weights();
        this.height = description.imageHeight();
        this.width = description.imageWidth();
        this.block = block;
        this.runner = new ForwardRunner(model, sources, height, width, predictors);
    }

    /**
     * Loads a model folder, with one predictor per processor.
     *
     * @param folder a folder written by {@link ModelFolder#save}
     * @return a runtime that owns the loaded parameters; close it when done
     * @throws ModelFormatException if the folder is missing, damaged or incompatible
     */
    public static SeparatorRuntime load(Path folder) throws ModelFormatException {
        return load(folder, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads a model folder.
     *
     * @param folder a folder written by {@link ModelFolder#save}
     * @param predictors the number of calls that may run at once, at least 1
     * @return a runtime that owns the loaded parameters; close it when done
     * @throws ModelFormatException if the folder is missing, damaged or incompatible
     * @throws IllegalArgumentException if {@code folder} is null or {@code predictors} is below 1
     */
    public static SeparatorRuntime load(Path folder, int predictors) throws ModelFormatException {
        if (folder == null) {
            throw new IllegalArgumentException("folder must not be null; pass a folder written by ModelFolder.save");
        }
        // NOTE: separation always runs on the CPU; only training follows the device preference.
        Model model = EngineSetup.engine().newModel("unstacker", Device.cpu());
        try {
            ModelFolder.Loaded loaded = ModelFolder.load(folder, model.getNDManager());
            return new SeparatorRuntime(model, loaded.block(), loaded.description(), predictors);
        } catch (ModelFormatException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Wraps an initialized network, with one predictor per processor. The caller keeps the manager
     * that owns the network's parameters and must not close it before this runtime.
     *
     * @param block an initialized network; its parameters are frozen here
     * @param description the network's description, for the image size and mixing weights
     * @return a runtime; close it when done
     * @throws IllegalArgumentException if the block is not initialized or its settings differ from
     *     the description's
     */
    public static SeparatorRuntime of(SeparatorNet block, ModelDescription description) {
        return of(block, description, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Wraps an initialized network, as {@link #of(SeparatorNet, ModelDescription)} does.
     *
     * @param block an initialized network; its parameters are frozen here
     * @param description the network's description
     * @param predictors the number of calls that may run at once, at least 1
     * @return a runtime; close it when done
     * @throws IllegalArgumentException if an argument is null, the block is not initialized, its
     *     settings differ from the description's, or {@code predictors} is below 1
     */
    public static SeparatorRuntime of(SeparatorNet block, ModelDescription description, int predictors) {
        Model model = EngineSetup.engine().newModel("unstacker", Device.cpu());
        try {
            return new SeparatorRuntime(model, block, description, predictors);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Separates one model-sized mixture, taken as it is: no background detection, no resizing.
     *
     * @param mixture {@code imageHeight × imageWidth} values in [0, 1], row by row, dark background
     * @return K estimates of the model's size
     * @throws InvalidImageException if the mixture is null, has the wrong length or invalid values
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(float[] mixture) {
        ensureOpen();
        return separateAll(List.of(checkedMixture("mixture", mixture))).get(0);
    }

    /**
     * Separates model-sized mixtures, taken as they are, in forward passes of up to
     * {@link #MAX_BATCH} mixtures. Every mixture is checked before any is separated.
     *
     * @param mixtures arrays of {@code imageHeight × imageWidth} values in [0, 1]
     * @return one result per mixture, in the same order
     * @throws InvalidImageException if any mixture is null, has the wrong length or invalid values
     * @throws IllegalStateException if this runtime is closed
     */
    public List<Separation> separateAll(List<float[]> mixtures) {
        ensureOpen();
        if (mixtures == null) {
            throw new IllegalArgumentException("mixtures must not be null; pass a list of pixel arrays");
        }
        for (int i = 0; i < mixtures.size(); i++) {
            checkedMixture("mixtures[" + i + "]", mixtures.get(i));
        }

        List<float[]> estimates = runner.forward(mixtures);
        List<Separation> results = new ArrayList<>(mixtures.size());
        for (int i = 0; i < mixtures.size(); i++) {
            results.add(Separations.build(mixtures.get(i), split(estimates.get(i)), weights, width, height));
        }
        return results;
    }

    /**
     * Separates an AWT image with the default options.
     *
     * @param image the image, of any size and type
     * @return K estimates
     * @throws InvalidImageException if the image is null or too large
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(BufferedImage image) {
        return separate(image, SeparationOptions.defaults());
    }

    /**
     * Separates an AWT image.
     *
     * @param image the image, of any size and type
     * @param options the background and output size
     * @return K estimates
     * @throws InvalidImageException if the image is null or too large
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(BufferedImage image, SeparationOptions options) {
        ensureOpen();
        return separate(ImageInput.of(image), options);
    }

    /**
     * Separates a DJL image.
     *
     * @param image the image, of any size
     * @param options the background and output size
     * @return K estimates
     * @throws InvalidImageException if the image is null, empty or too large
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(Image image, SeparationOptions options) {
        ensureOpen();
        return separate(ImageInput.of(image), options);
    }

    /**
     * Reads and separates an image file with the default options.
     *
     * @param file a PNG, JPEG, GIF, BMP or other file that ImageIO reads
     * @return K estimates
     * @throws InvalidImageException if the file is rejected, as {@link ImageFiles#read} describes
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(Path file) {
        return separate(file, SeparationOptions.defaults());
    }

    /**
     * Reads and separates an image file.
     *
     * @param file a PNG, JPEG, GIF, BMP or other file that ImageIO reads
     * @param options the background and output size
     * @return K estimates
     * @throws InvalidImageException if the file is rejected, as {@link ImageFiles#read} describes
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(Path file, SeparationOptions options) {
        ensureOpen();
        return separate(ImageInput.read(file), options);
    }

    /**
     * Separates a converted input: a light background is inverted and the input fitted into the
     * model's size, then the estimates are mapped back as the options request.
     *
     * @param input the input
     * @param options the background and output size
     * @return K estimates
     * @throws IllegalStateException if this runtime is closed
     */
    public Separation separate(ImageInput input, SeparationOptions options) {
        ensureOpen();
        return separateAll(List.of(checkedInput("input", input)), options).get(0);
    }

    /**
     * Separates converted inputs in forward passes of up to {@link #MAX_BATCH} inputs.
     *
     * @param inputs the inputs
     * @param options the background and output size, the same for every input
     * @return one result per input, in the same order
     * @throws IllegalStateException if this runtime is closed
     */
    public List<Separation> separateAll(List<ImageInput> inputs, SeparationOptions options) {
        ensureOpen();
        if (inputs == null) {
            throw new IllegalArgumentException("inputs must not be null; pass a list of ImageInput");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; pass SeparationOptions.defaults()");
        }
        List<PreparedInput> prepared = new ArrayList<>(inputs.size());
        List<float[]> mixtures = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            PreparedInput input = PreparedInput.prepare(
                    checkedInput("inputs[" + i + "]", inputs.get(i)), options.background(), width, height);
            prepared.add(input);
            mixtures.add(input.modelPixels());
        }

        List<float[]> estimates = runner.forward(mixtures);
        List<Separation> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            results.add(prepared.get(i).finish(estimates.get(i), sources, weights, options.outputSize()));
        }
        return results;
    }

    /**
     * Runs work on the network, such as {@code ModelFolder.save}, while {@link #close} waits for it.
     * Separations may run at the same time, so the work must only read the parameters.
     *
     * @param action the work
     * @param <E> the checked exception the work may throw
     * @throws E if the work fails
     * @throws IllegalStateException if this runtime is closed
     */
    public <E extends Exception> void withBlock(BlockAction<E> action) throws E {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        runner.whileOpen(action, block);
    }

    /** Returns the description the model was loaded with: its settings, metrics and provenance. */
    public ModelDescription description() {
        return description;
    }

    /** Returns K, the number of estimates per mixture. */
    public int sourceCount() {
        return sources;
    }

    /** Returns the height of the model's images, in pixels. */
    public int imageHeight() {
        return height;
    }

    /** Returns the width of the model's images, in pixels. */
    public int imageWidth() {
        return width;
    }

    /** Returns whether {@link #close} has been called. */
    public boolean isClosed() {
        return runner.isClosed();
    }

    /**
     * Waits for running calls to finish, then frees the predictors and the model, including the
     * parameters when this runtime loaded them. Calling it again does nothing.
     */
    @Override
    public void close() {
        runner.close();
    }

    /** Returns the number of native arrays the model's manager and its predictors contain, for tests. */
    int openArrayCount() {
        return runner.openArrayCount();
    }

    private List<float[]> split(float[] estimates) {
        int area = height * width;
        List<float[]> parts = new ArrayList<>(sources);
        for (int k = 0; k < sources; k++) {
            float[] part = new float[area];
            System.arraycopy(estimates, k * area, part, 0, area);
            parts.add(part);
        }
        return parts;
    }

    private float[] checkedMixture(String name, float[] mixture) {
        PixelChecks.check(name, mixture, width, height);
        return mixture;
    }

    private static ImageInput checkedInput(String name, ImageInput input) {
        if (input == null) {
            throw new InvalidImageException(name + " must not be null; create one with ImageInput.of or ImageInput.read");
        }
        return input;
    }

    private void ensureOpen() {
        runner.ensureOpen();
    }
}

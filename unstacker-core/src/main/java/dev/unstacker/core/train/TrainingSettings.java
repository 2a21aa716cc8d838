package dev.unstacker.core.train;

import dev.unstacker.api.ImageDistance;
import dev.unstacker.core.config.SettingsValidator;
import dev.unstacker.core.engine.DeviceSelector;
import dev.unstacker.core.loss.L1Distance;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to train: epochs, batch size, optimizer settings, loss, seed, device and checkpoints.
 *
 * <p>The defaults are Adam at learning rate 1e-3, batch 32, 40 epochs and the L1 distance under the
 * best assignment. The learning rate decays on a cosine curve by default, and
 * {@link LearningRateSchedule#CONSTANT} keeps it fixed.
 */
public final class TrainingSettings {

    @Min(1) @Max(10_000)
    private final int epochs;

    @Min(1) @Max(4096)
    private final int batchSize;

    @DecimalMin(value = "0", inclusive = false, message = "must be above 0")
    @DecimalMax(value = "1", message = "must be at most 1")
    private final double learningRate;

    @NotNull
    private final LearningRateSchedule schedule;

    private final long seed;

    @NotNull
    private final ImageDistance distance;

    @NotBlank
    private final String device;

    private final Path checkpointDirectory;
    private final boolean resume;
    private final boolean progressBar;

    @DecimalMin(value = "0", message = "must be at least 0")
    private final double stopAtValidationPitMae;

    private final Path initialModel;

    @DecimalMin(value = "0", message = "must be 0 (off) or above 1")
    private final double gradientClipFactor;

    private TrainingSettings(Builder builder) {
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.learningRate = builder.learningRate;
        this.schedule = builder.schedule;
        this.seed = builder.seed;
        this.distance = builder.distance;
        this.device = builder.device;
        this.checkpointDirectory = builder.checkpointDirectory;
        this.resume = builder.resume;
        this.progressBar = builder.progressBar;
        this.stopAtValidationPitMae = builder.stopAtValidationPitMae;
        this.initialModel = builder.initialModel;
        this.gradientClipFactor = builder.gradientClipFactor;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optSchedule(schedule)
                .optSeed(seed)
                .optDistance(distance)
                .optDevice(device)
                .optCheckpointDirectory(checkpointDirectory)
                .optResume(resume)
                .optProgressBar(progressBar)
                .optStopAtValidationPitMae(stopAtValidationPitMae)
                .optInitialModel(initialModel)
                .optGradientClipFactor(gradientClipFactor);
    }

    /** Returns the number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** Returns the number of mixtures per training step. */
    public int batchSize() {
        return batchSize;
    }

    /** Returns Adam's base learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Returns the learning-rate schedule. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Returns the seed of the engine's random numbers and of the shuffling. */
    public long seed() {
        return seed;
    }

    /** Returns the per-image distance of the permutation-invariant loss. */
    public ImageDistance distance() {
        return distance;
    }

    /** Returns the device preference: {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N} or {@code mps}. */
    public String device() {
        return device;
    }

    /** Returns the folder for checkpoints, or null to keep them in a temporary folder. */
    public Path checkpointDirectory() {
        return checkpointDirectory;
    }

    /** Returns whether to continue from the last checkpoint in {@link #checkpointDirectory()}. */
    public boolean resume() {
        return resume;
    }

    /** Returns whether each epoch's progress is drawn as a bar on standard output. */
    public boolean progressBar() {
        return progressBar;
    }

    /** Returns the validation PIT-MAE at which training stops early, or 0 to train every epoch. */
    public double stopAtValidationPitMae() {
        return stopAtValidationPitMae;
    }

    /** Returns the model folder whose parameters training starts from, or null for a fresh start. */
    public Path initialModel() {
        return initialModel;
    }

    /**
     * Returns the multiple of the gradient norm's running mean at which each step's gradient is
     * clipped, or 0 for no clipping.
     */
    public double gradientClipFactor() {
        return gradientClipFactor;
    }

    @Override
    public String toString() {
        return "TrainingSettings[epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", schedule=" + schedule + ", seed=" + seed + ", loss=" + distance.name() + ", device=" + device
                + ", checkpointDirectory=" + checkpointDirectory + ", resume=" + resume
                + (initialModel == null ? "" : ", initialModel=" + initialModel)
                + (gradientClipFactor == 0 ? "" : ", gradientClipFactor=" + gradientClipFactor) + "]";
    }

    /** Builds {@link TrainingSettings}; every setter is optional and {@link #build()} validates. */
    public static final class Builder {

        private int epochs = 40;
        private int batchSize = 32;
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.COSINE;
        private long seed;
        private ImageDistance distance = new L1Distance();
        private String device = "auto";
        private Path checkpointDirectory;
        private boolean resume;
        private boolean progressBar;
        private double stopAtValidationPitMae;
        private Path initialModel;
        private double gradientClipFactor;

        private Builder() {}

        /** Sets the number of epochs, 1 to 10,000; default 40. */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Sets the number of mixtures per step, 1 to 4096; default 32. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets Adam's base learning rate, in (0, 1]; default 1e-3. */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Sets the learning-rate schedule; default cosine decay. */
        public Builder optSchedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Sets the seed; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the per-image distance of the loss; default L1. */
        public Builder optDistance(ImageDistance distance) {
            this.distance = Objects.requireNonNull(distance, "distance");
            return this;
        }

        /** Sets the device preference; default {@code auto} (MPS, then CUDA, then CPU). */
        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        /** Sets the folder where checkpoints are written; default a temporary folder. */
        public Builder optCheckpointDirectory(Path checkpointDirectory) {
            this.checkpointDirectory = checkpointDirectory;
            return this;
        }

        /** Continues from the last checkpoint in the checkpoint folder, if there is one. */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Draws each epoch's progress as a bar on standard output, for command-line programs; off by
         * default, so a library caller's output stays its own. Epoch summaries go to the log either way.
         */
        public Builder optProgressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /**
         * Stops after the first epoch whose validation PIT-MAE is at or below this value; 0, the
         * default, trains every epoch. Used to measure the time to reach a quality target.
         */
        public Builder optStopAtValidationPitMae(double target) {
            this.stopAtValidationPitMae = target;
            return this;
        }

        /**
         * Starts from the parameters of a saved model instead of random ones, to train a model
         * further (fine-tuning). Its settings must match the network being trained.
         */
        public Builder optInitialModel(Path modelFolder) {
            this.initialModel = modelFolder;
            return this;
        }

        /**
         * Clips each step's gradient to {@code factor} times the running mean of its global norm,
         * which keeps one unusual batch from undoing training; default 0, no clipping. Wider
         * networks need it: width 40 without it fell back to the mixture baseline in epoch 12 of
         * 40 (docs/results.md).
         */
        public Builder optGradientClipFactor(double factor) {
            this.gradientClipFactor = factor;
            return this;
        }

        /**
         * Validates the settings and builds them.
         *
         * @return the settings
         * @throws IllegalArgumentException naming every invalid setting
         */
        public TrainingSettings build() {
            TrainingSettings settings = SettingsValidator.validate(new TrainingSettings(this), "training settings");
            DeviceSelector.checkName(settings.device);
            if (settings.gradientClipFactor != 0 && !(settings.gradientClipFactor > 1)) {
                throw new IllegalArgumentException("Invalid training settings: gradientClipFactor must be 0 (off) or above 1, but was "
                        + settings.gradientClipFactor);
            }
            if (settings.resume && settings.checkpointDirectory == null) {
                throw new IllegalArgumentException(
                        "Invalid training settings: resume = true needs a checkpoint directory; call optCheckpointDirectory");
            }
            return settings;
        }
    }
}

package dev.unstacker.core.mix;

import dev.unstacker.core.data.FashionMnist;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;

/**
 * How to make mixtures from Fashion-MNIST: how many, how they split into train, validation and
 * test, how many sources each overlays, the seed and the batch size.
 *
 * <p>Create one with {@link #builder()}. Every setting has a default:
 * <pre>{@code
 * MixtureProtocol protocol = MixtureProtocol.builder()
 *         .optMixtures(20_000)
 *         .optMixing(MixingSpec.equal(3))
 *         .optSeed(7)
 *         .build();
 * }</pre>
 *
 * <p>The split sizes are {@code round(mixtures × validationFraction)} and
 * {@code round(mixtures × testFraction)}, and training takes the rest, so they always add up to
 * {@code mixtures}. Because no image may appear twice among the training and validation mixtures,
 * they need {@code (train + validation) × K} training images, and the test mixtures need
 * {@code test × K} test images.
 */
public final class MixtureProtocol {

    /** The Hibernate Validator factory, built once because building it scans annotations and loads resources. */
    private static final class Validators {
        private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ENGLISH)
                .buildValidatorFactory();
        private static final Validator VALIDATOR = FACTORY.getValidator();
    }

    private static final String FRACTION_SUM_MESSAGE =
            "trainFraction + validationFraction + testFraction must be 1 (within 1e-6)";

    @Min(1)
    private final int mixtures;

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("1")
    private final double trainFraction;

    @DecimalMin("0")
    @DecimalMax(value = "1", inclusive = false)
    private final double validationFraction;

    @DecimalMin("0")
    @DecimalMax(value = "1", inclusive = false)
    private final double testFraction;

    private final long seed;

    @Min(1)
    private final int batchSize;

    @NotNull
    private final MixingSpec mixing;

    private final boolean dynamicMixing;

    private MixtureProtocol(Builder builder) {
        this.mixtures = builder.mixtures;
        this.trainFraction = builder.trainFraction;
        this.validationFraction = builder.validationFraction;
        this.testFraction = builder.testFraction;
        this.seed = builder.seed;
        this.batchSize = builder.batchSize;
        this.mixing = builder.mixing;
        this.dynamicMixing = builder.dynamicMixing;
    }

    /**
     * Creates a builder with the default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default protocol: 20,000 mixtures of two equally weighted sources.
     *
     * @return the default protocol
     */
    public static MixtureProtocol defaults() {
        return builder().build();
    }

    /**
     * Returns a builder that starts from this protocol's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder()
                .optMixtures(mixtures)
                .optTrainFraction(trainFraction)
                .optValidationFraction(validationFraction)
                .optTestFraction(testFraction)
                .optSeed(seed)
                .optBatchSize(batchSize)
                .optMixing(mixing)
                .optDynamicMixing(dynamicMixing);
    }

    /** Returns the sum of the three fractions, a property that validation requires to be 1 within 1e-6. */
    @DecimalMin(value = "0.999999", message = FRACTION_SUM_MESSAGE)
    @DecimalMax(value = "1.000001", message = FRACTION_SUM_MESSAGE)
    private double getFractionSum() {
        return trainFraction + validationFraction + testFraction;
    }

    /**
     * Returns the total number of mixtures over the three splits.
     *
     * @return the mixture count
     */
    public int mixtures() {
        return mixtures;
    }

    /**
     * Returns the share of mixtures used for training.
     *
     * @return the training fraction
     */
    public double trainFraction() {
        return trainFraction;
    }

    /**
     * Returns the share of mixtures used for validation.
     *
     * @return the validation fraction
     */
    public double validationFraction() {
        return validationFraction;
    }

    /**
     * Returns the share of mixtures used for the final test.
     *
     * @return the test fraction
     */
    public double testFraction() {
        return testFraction;
    }

    /**
     * Returns the seed of every random grouping of images into mixtures.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the number of mixtures per training batch.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the source count and weights.
     *
     * @return the mixing spec
     */
    public MixingSpec mixing() {
        return mixing;
    }

    /**
     * Returns whether the training mixtures are regrouped every epoch.
     *
     * @return true if training images are regrouped per epoch
     */
    public boolean dynamicMixing() {
        return dynamicMixing;
    }

    /**
     * Returns the number of training mixtures: what validation and test leave over.
     *
     * @return the training mixture count
     */
    public int trainMixtures() {
        return mixtures - validationMixtures() - testMixtures();
    }

    /**
     * Returns the number of validation mixtures, {@code round(mixtures × validationFraction)}.
     *
     * @return the validation mixture count
     */
    public int validationMixtures() {
        return (int) Math.round(mixtures * validationFraction);
    }

    /**
     * Returns the number of test mixtures, {@code round(mixtures × testFraction)}.
     *
     * @return the test mixture count
     */
    public int testMixtures() {
        return (int) Math.round(mixtures * testFraction);
    }

    /**
     * Checks that the dataset has enough distinct images for every mixture.
     *
     * @param trainImages images in the official training split, which feeds training and validation
     * @param testImages images in the official test split
     * @throws IllegalArgumentException naming the settings, the images needed and the images available
     */
    public void checkFits(int trainImages, int testImages) {
        int sources = mixing.sourceCount();
        long trainNeeded = (long) (trainMixtures() + validationMixtures()) * sources;
        if (trainNeeded > trainImages) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid mixture protocol: %,d training "
                    + "and %,d validation mixtures of %d sources need %,d distinct training images, but the training "
                    + "split has %,d. Lower mixtures or the source count.", trainMixtures(), validationMixtures(),
                    sources, trainNeeded, trainImages));
        }
        long testNeeded = (long) testMixtures() * sources;
        if (testNeeded > testImages) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid mixture protocol: %,d test "
                    + "mixtures of %d sources need %,d distinct test images, but the test split has %,d. Lower "
                    + "mixtures, testFraction or the source count.", testMixtures(), sources, testNeeded, testImages));
        }
    }

    @Override
    public String toString() {
        return "MixtureProtocol[mixtures=" + mixtures + " (train " + trainMixtures() + ", validation "
                + validationMixtures() + ", test " + testMixtures() + "), seed=" + seed + ", batchSize=" + batchSize
                + ", " + mixing + ", dynamicMixing=" + dynamicMixing + "]";
    }

    private void validate() {
        Set<ConstraintViolation<MixtureProtocol>> violations = Validators.VALIDATOR.validate(this);
        if (!violations.isEmpty()) {
            String details = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " = " + v.getInvalidValue() + ": " + v.getMessage())
                    .collect(Collectors.joining("; "));
            throw new IllegalArgumentException("Invalid mixture protocol: " + details + ".");
        }
        if (trainMixtures() < batchSize) {
            throw new IllegalArgumentException("Invalid mixture protocol: mixtures = " + mixtures + " leaves "
                    + trainMixtures() + " training mixtures after validation and test, fewer than one batch of "
                    + batchSize + ". Raise mixtures or trainFraction, or lower batchSize.");
        }
        if (validationMixtures() < 1) {
            throw new IllegalArgumentException("Invalid mixture protocol: mixtures = " + mixtures
                    + " and validationFraction = " + validationFraction + " leave no validation mixture, which "
                    + "training needs to pick its best epoch. Raise validationFraction or mixtures.");
        }
        checkFits(FashionMnist.TRAIN_SIZE, FashionMnist.TEST_SIZE);
    }

    /** Builder of a {@link MixtureProtocol}; {@link #build()} validates all settings together. */
    public static final class Builder {

        private int mixtures = 20_000;
        private double trainFraction = 0.8;
        private double validationFraction = 0.1;
        private double testFraction = 0.1;
        private long seed;
        private int batchSize = 32;
        private MixingSpec mixing = MixingSpec.defaults();
        private boolean dynamicMixing;

        private Builder() {}

        /**
         * Sets the total number of mixtures over all splits.
         *
         * @param mixtures at least 1, default 20,000
         * @return this builder
         */
        public Builder optMixtures(int mixtures) {
            this.mixtures = mixtures;
            return this;
        }

        /**
         * Sets the share of mixtures used for training.
         *
         * @param trainFraction in (0, 1], default 0.8
         * @return this builder
         */
        public Builder optTrainFraction(double trainFraction) {
            this.trainFraction = trainFraction;
            return this;
        }

        /**
         * Sets the share of mixtures used for validation.
         *
         * @param validationFraction in [0, 1), default 0.1
         * @return this builder
         */
        public Builder optValidationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the share of mixtures used for the final test.
         *
         * @param testFraction in [0, 1), default 0.1
         * @return this builder
         */
        public Builder optTestFraction(double testFraction) {
            this.testFraction = testFraction;
            return this;
        }

        /**
         * Sets the seed of every random grouping of images into mixtures.
         *
         * @param seed any value, default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of mixtures per training batch.
         *
         * @param batchSize at least 1, default 32
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the source count and weights.
         *
         * @param mixing not null, default two equally weighted sources
         * @return this builder
         */
        public Builder optMixing(MixingSpec mixing) {
            this.mixing = mixing;
            return this;
        }

        /**
         * Sets whether training mixtures are regrouped every epoch from the same training images.
         *
         * @param dynamicMixing default false
         * @return this builder
         */
        public Builder optDynamicMixing(boolean dynamicMixing) {
            this.dynamicMixing = dynamicMixing;
            return this;
        }

        /**
         * Validates the settings and creates the protocol.
         *
         * @return the protocol
         * @throws IllegalArgumentException naming each invalid setting, its value and what is allowed,
         *     or saying that the official Fashion-MNIST splits are too small for the mixtures
         */
        public MixtureProtocol build() {
            MixtureProtocol protocol = new MixtureProtocol(this);
            protocol.validate();
            return protocol;
        }
    }
}

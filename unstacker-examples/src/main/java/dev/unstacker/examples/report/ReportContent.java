package dev.unstacker.examples.report;

import dev.unstacker.api.EpochResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The values a {@link ReportPage} shows. Test and baseline metrics stay empty while a run is in
 * progress, and the page prints "—" for them.
 *
 * <p>Create one with {@link #builder()}:
 *
 * <pre>{@code
 * ReportContent content = ReportContent.builder()
 *         .setTitle("Fashion-MNIST, 2 sources")
 *         .setEpochsPlanned(40)
 *         .setHistory(history)
 *         .optRunning(true)
 *         .optDevice("cpu")
 *         .build();
 * }</pre>
 *
 * @param title the page heading
 * @param epochsPlanned the number of epochs the run will train, N in "epoch i of N"
 * @param running whether training or testing is still in progress, so the page reloads itself
 * @param history finished epochs in order
 * @param elapsedSeconds wall-clock seconds of the whole run so far, or empty to show the last
 *     epoch's elapsed time
 * @param testPitMae test PIT-MAE, pixels in [0, 1]
 * @param testPsnrDb test PSNR in decibels, peak 1.0
 * @param testSsim test SSIM
 * @param baselinePitMae PIT-MAE of the mixture itself used as every estimate
 * @param baselinePsnrDb PSNR of the mixture itself used as every estimate
 * @param device the device the model trained on, such as {@code cpu()} or {@code gpu(0)}
 * @param parameters the number of trainable model parameters
 * @param trainSamplesPerSecond training throughput in mixtures per second
 * @param bestEpoch the epoch whose checkpoint was kept
 * @param classPairs test PSNR by source class pair
 * @param classNames class names indexed by class, used to name class pairs
 */
public record ReportContent(
        String title,
        int epochsPlanned,
        boolean running,
        List<EpochResult> history,
        OptionalDouble elapsedSeconds,
        OptionalDouble testPitMae,
        OptionalDouble testPsnrDb,
        OptionalDouble testSsim,
        OptionalDouble baselinePitMae,
        OptionalDouble baselinePsnrDb,
        Optional<String> device,
        OptionalLong parameters,
        OptionalDouble trainSamplesPerSecond,
        OptionalInt bestEpoch,
        Optional<ClassPairTable> classPairs,
        List<String> classNames) {

    /** Copies the lists and checks that no field is null. */
    public ReportContent {
        Objects.requireNonNull(title, "title");
        history = List.copyOf(history);
        Objects.requireNonNull(elapsedSeconds, "elapsedSeconds");
        Objects.requireNonNull(testPitMae, "testPitMae");
        Objects.requireNonNull(testPsnrDb, "testPsnrDb");
        Objects.requireNonNull(testSsim, "testSsim");
        Objects.requireNonNull(baselinePitMae, "baselinePitMae");
        Objects.requireNonNull(baselinePsnrDb, "baselinePsnrDb");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(trainSamplesPerSecond, "trainSamplesPerSecond");
        Objects.requireNonNull(bestEpoch, "bestEpoch");
        Objects.requireNonNull(classPairs, "classPairs");
        classNames = List.copyOf(classNames);
    }

    /** Creates a builder. Calls to {@code setTitle} and {@code setEpochsPlanned} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the last finished epoch, or empty before the first one ends. */
    public Optional<EpochResult> lastEpoch() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /**
     * Builder of a {@link ReportContent}. Each setter checks its argument at once. Fields not set
     * stay empty, with {@code running} false and the history and class names empty.
     */
    public static final class Builder {

        private String title;
        private int epochsPlanned = -1;
        private boolean running;
        private List<EpochResult> history = List.of();
        private OptionalDouble elapsedSeconds = OptionalDouble.empty();
        private OptionalDouble testPitMae = OptionalDouble.empty();
        private OptionalDouble testPsnrDb = OptionalDouble.empty();
        private OptionalDouble testSsim = OptionalDouble.empty();
        private OptionalDouble baselinePitMae = OptionalDouble.empty();
        private OptionalDouble baselinePsnrDb = OptionalDouble.empty();
        private Optional<String> device = Optional.empty();
        private OptionalLong parameters = OptionalLong.empty();
        private OptionalDouble trainSamplesPerSecond = OptionalDouble.empty();
        private OptionalInt bestEpoch = OptionalInt.empty();
        private Optional<ClassPairTable> classPairs = Optional.empty();
        private List<String> classNames = List.of();

        private Builder() {}

        /** Sets the page heading. */
        public Builder setTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** Sets the number of epochs the run will train, at least 1. */
        public Builder setEpochsPlanned(int epochsPlanned) {
            if (epochsPlanned < 1) {
                throw new IllegalArgumentException(
                        "Planned epochs must be at least 1, got " + epochsPlanned + ".");
            }
            this.epochsPlanned = epochsPlanned;
            return this;
        }

        /** Sets the finished epochs, in order. */
        public Builder setHistory(List<EpochResult> history) {
            this.history = new ArrayList<>(history);
            return this;
        }

        /** Sets whether the run is in progress, so that the page reloads itself periodically. */
        public Builder optRunning(boolean running) {
            this.running = running;
            return this;
        }

        /** Sets the wall-clock seconds of the whole run, when it differs from the last epoch's. */
        public Builder optElapsedSeconds(double seconds) {
            this.elapsedSeconds = OptionalDouble.of(nonNegative(seconds, "elapsed seconds"));
            return this;
        }

        /** Sets the test metrics: PIT-MAE, PSNR in decibels and SSIM. */
        public Builder optTestMetrics(double pitMae, double psnrDb, double ssim) {
            this.testPitMae = OptionalDouble.of(pitMae);
            this.testPsnrDb = OptionalDouble.of(psnrDb);
            this.testSsim = OptionalDouble.of(ssim);
            return this;
        }

        /** Sets the PIT-MAE and PSNR of the mixture used as every estimate. */
        public Builder optBaseline(double pitMae, double psnrDb) {
            this.baselinePitMae = OptionalDouble.of(pitMae);
            this.baselinePsnrDb = OptionalDouble.of(psnrDb);
            return this;
        }

        /** Sets the device the model trained on. */
        public Builder optDevice(String device) {
            this.device = Optional.of(device);
            return this;
        }

        /** Sets the number of trainable model parameters. */
        public Builder optParameters(long parameters) {
            if (parameters < 0) {
                throw new IllegalArgumentException(
                        "Parameter count must be ≥ 0, got " + parameters + ".");
            }
            this.parameters = OptionalLong.of(parameters);
            return this;
        }

        /** Sets the training throughput in mixtures per second. */
        public Builder optTrainSamplesPerSecond(double samplesPerSecond) {
            this.trainSamplesPerSecond =
                    OptionalDouble.of(nonNegative(samplesPerSecond, "samples per second"));
            return this;
        }

        /** Sets the epoch whose checkpoint was kept, at least 1. */
        public Builder optBestEpoch(int epoch) {
            if (epoch < 1) {
                throw new IllegalArgumentException(
                        "Best epoch must be at least 1, got " + epoch + ".");
            }
            this.bestEpoch = OptionalInt.of(epoch);
            return this;
        }

        /** Sets the test PSNR by source class pair and the class names that label it. */
        public Builder optClassPairs(ClassPairTable table, List<String> classNames) {
            if (classNames.size() != table.classes()) {
                throw new IllegalArgumentException(String.format(
                        "Got %d class names for a class pair table of %d classes.",
                        classNames.size(), table.classes()));
            }
            this.classPairs = Optional.of(table);
            this.classNames = List.copyOf(classNames);
            return this;
        }

        /**
         * Builds the content.
         *
         * @throws IllegalStateException if the title or the planned epochs were not set
         */
        public ReportContent build() {
            if (title == null || epochsPlanned < 1) {
                throw new IllegalStateException(
                        "Report content needs a title and planned epochs. Call setTitle and"
                                + " setEpochsPlanned before build.");
            }
            return new ReportContent(
                    title, epochsPlanned, running, history, elapsedSeconds, testPitMae, testPsnrDb,
                    testSsim, baselinePitMae, baselinePsnrDb, device, parameters,
                    trainSamplesPerSecond, bestEpoch, classPairs, classNames);
        }

        private static double nonNegative(double value, String name) {
            if (!(value >= 0)) {
                throw new IllegalArgumentException(
                        "The " + name + " must be a number ≥ 0, got " + value + ".");
            }
            return value;
        }
    }
}

package dev.unstacker;

import dev.unstacker.api.ImageDistance;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.api.UnstackerException;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.mix.MixingSpec;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.SeparatorTrainer;
import dev.unstacker.core.train.TrainingOutcome;
import dev.unstacker.core.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures and trains an {@link Unstacker}: the dataset, how mixtures are made, the network, the
 * loss, the trainer and the device. Every setter is optional; the defaults reproduce the
 * Fashion-MNIST experiment (20,000 averaged pairs, batch 32, Adam at 1e-3, L1 loss, 40 epochs).
 *
 * <pre>{@code
 * Unstacker unstacker = Unstacker.builder()
 *         .optMixing(MixingSpec.equal(3))
 *         .optLoss(new SsimDistance())
 *         .optTraining(TrainingSettings.builder().optEpochs(10).build())
 *         .train();
 * }</pre>
 */
public final class UnstackerBuilder {

    private Path dataDirectory;
    private FashionMnist dataset;
    private MixtureProtocol protocol = MixtureProtocol.builder().optDynamicMixing(true).build();
    private MixingSpec mixing;
    private SeparatorConfig model;
    private ImageDistance loss;
    private TrainingSettings training = TrainingSettings.builder().build();
    private String device;
    private final List<TrainingObserver> observers = new ArrayList<>();

    UnstackerBuilder() {}

    /**
     * Looks for Fashion-MNIST in this folder first. If a file is missing there, a warning is logged
     * and the usual places are searched.
     */
    public UnstackerBuilder optDataDirectory(Path directory) {
        this.dataDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Trains on images already loaded. */
    public UnstackerBuilder optDataset(FashionMnist dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        return this;
    }

    /** Sets how many mixtures are made, how they are split and whether pairs change every epoch. */
    public UnstackerBuilder optProtocol(MixtureProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /** Sets the number of sources and their mixing weights; overrides the protocol's. */
    public UnstackerBuilder optMixing(MixingSpec mixing) {
        this.mixing = Objects.requireNonNull(mixing, "mixing");
        return this;
    }

    /** Sets the network's size and output mode; its source count and weights follow the mixing. */
    public UnstackerBuilder optModel(SeparatorConfig model) {
        this.model = Objects.requireNonNull(model, "model");
        return this;
    }

    /** Sets the per-image distance of the permutation-invariant loss; overrides the training settings'. */
    public UnstackerBuilder optLoss(ImageDistance loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /**
     * Sets epochs, batch size, learning rate, schedule, seed and checkpoints. A batch size set here
     * applies unless the protocol sets another one, which is rejected as a conflict.
     */
    public UnstackerBuilder optTraining(TrainingSettings training) {
        this.training = Objects.requireNonNull(training, "training");
        return this;
    }

    /** Sets the device: {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N} or {@code mps}. */
    public UnstackerBuilder optDevice(String device) {
        this.device = Objects.requireNonNull(device, "device");
        return this;
    }

    /** Adds an observer notified after every epoch. */
    public UnstackerBuilder addObserver(TrainingObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Trains a network with these settings and returns it ready to separate.
     *
     * @return the trained unstacker, carrying the best validation epoch's parameters
     * @throws IOException if checkpoints cannot be written
     * @throws UnstackerException if the data cannot be found or is damaged
     */
    public Unstacker train() throws IOException, UnstackerException {
        EngineSetup.optOutOfTracking();
        MixtureProtocol effectiveProtocol = mixing == null ? protocol : protocol.toBuilder().optMixing(mixing).build();
        MixingSpec effectiveMixing = effectiveProtocol.mixing();
        SeparatorConfig effectiveModel = (model == null ? SeparatorConfig.defaults(effectiveMixing.sourceCount()) : model)
                .withWeights(toFloats(effectiveMixing.weights()));
        int batchSize = batchSize(effectiveProtocol.batchSize(), training.batchSize());
        if (batchSize != effectiveProtocol.batchSize()) {
            effectiveProtocol = effectiveProtocol.toBuilder().optBatchSize(batchSize).build();
        }
        TrainingSettings.Builder settings = training.toBuilder().optBatchSize(batchSize);
        if (loss != null) {
            settings.optDistance(loss);
        }
        if (device != null) {
            settings.optDevice(device);
        }

        FashionMnist data = dataset != null ? dataset
                : dataDirectory != null ? FashionMnist.load(dataDirectory) : FashionMnist.load();
        MixtureSplits splits = MixtureSplits.build(data, effectiveProtocol);
        Path folder = Files.createTempDirectory("unstacker-trained");
        try (TrainingOutcome outcome = new SeparatorTrainer(settings.build()).train(effectiveModel, splits, observers)) {
            ModelFolder.save(folder, outcome.block(), outcome.description());
            return Unstacker.fromTraining(folder);
        } finally {
            PretrainedModels.delete(folder);
        }
    }

    /**
     * Returns the batch size set in either the protocol or the training settings, where the other
     * keeps the default of 32.
     */
    private static int batchSize(int protocolBatchSize, int trainingBatchSize) {
        int defaultSize = MixtureProtocol.defaults().batchSize();
        if (protocolBatchSize == trainingBatchSize || trainingBatchSize == defaultSize) {
            return protocolBatchSize;
        }
        if (protocolBatchSize == defaultSize) {
            return trainingBatchSize;
        }
        throw new IllegalArgumentException("The batch size is set twice, to " + protocolBatchSize
                + " in the mixture protocol and to " + trainingBatchSize
                + " in the training settings; set it in one of them");
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}

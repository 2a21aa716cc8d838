package dev.unstacker.core.mix;

import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.data.ImageSet;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train, validation and test mixtures made from Fashion-MNIST without leakage between them.
 *
 * <p>Training and validation mixtures use disjoint images of the official training split, and
 * test mixtures use the official test split, so no image is seen in two splits and test images
 * are never seen in training. Within a split each image feeds one mixture. The grouping depends
 * only on the protocol's seed (see {@link Groupings}), so the same seed gives the same mixtures on
 * every machine.
 *
 * <p>With dynamic mixing, only the training split may be regrouped per epoch. Validation and test
 * keep fixed mixtures so their scores stay comparable across epochs.
 */
public final class MixtureSplits {

    private static final Logger LOG = LoggerFactory.getLogger(MixtureSplits.class);

    private final MixtureProtocol protocol;
    private final MixtureDataset train;
    private final MixtureDataset validation;
    private final MixtureDataset test;

    private MixtureSplits(MixtureProtocol protocol, MixtureDataset train, MixtureDataset validation,
            MixtureDataset test) {
        this.protocol = protocol;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * Groups the images into mixtures according to the protocol.
     *
     * @param data the dataset
     * @param protocol the mixture counts, source count, seed and batch size
     * @return the three splits
     * @throws IllegalArgumentException if a split does not have enough distinct images
     */
    public static MixtureSplits build(FashionMnist data, MixtureProtocol protocol) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(protocol, "protocol");
        long start = System.nanoTime();
        protocol.checkFits(data.train().size(), data.test().size());
        int sources = protocol.mixing().sourceCount();

        int[] trainOrder = Groupings.shuffledIndices(data.train().size(),
                Groupings.random(protocol.seed(), Groupings.TRAIN_VALIDATION_STREAM, 0));
        int trainEnd = protocol.trainMixtures() * sources;
        int validationEnd = trainEnd + protocol.validationMixtures() * sources;
        int[] testOrder = Groupings.shuffledIndices(data.test().size(),
                Groupings.random(protocol.seed(), Groupings.TEST_STREAM, 0));

        MixtureDataset train = dataset("train", data.train(), Arrays.copyOfRange(trainOrder, 0, trainEnd),
                protocol, true);
        MixtureDataset validation = dataset("validation", data.train(),
                Arrays.copyOfRange(trainOrder, trainEnd, validationEnd), protocol, false);
        MixtureDataset test = dataset("test", data.test(),
                Arrays.copyOf(testOrder, protocol.testMixtures() * sources), protocol, false);

        LOG.info("Built {} train, {} validation and {} test mixtures of {} sources (seed {}) in {} ms",
                train.size(), validation.size(), test.size(), sources, protocol.seed(),
                (System.nanoTime() - start) / 1_000_000);
        return new MixtureSplits(protocol, train, validation, test);
    }

    private static MixtureDataset dataset(String name, ImageSet images, int[] grouping, MixtureProtocol protocol,
            boolean training) {
        MixtureDataset.Builder builder = MixtureDataset.builder()
                .optName(name)
                .setImages(images)
                .setMixing(protocol.mixing())
                .setSourceIndices(grouping)
                // Training drops its last incomplete batch, because a batch of one breaks BatchNorm.
                .setSampling(protocol.batchSize(), training, training);
        if (training && protocol.dynamicMixing()) {
            builder.optDynamicMixing(protocol.seed());
        }
        return builder.build();
    }

    /**
     * Returns the protocol the splits were built with.
     *
     * @return the protocol
     */
    public MixtureProtocol protocol() {
        return protocol;
    }

    /**
     * Returns the training mixtures, from the official training split, sampled in full batches in
     * an order drawn by DJL's random generator, which {@code Engine.setRandomSeed} seeds.
     *
     * @return the training split
     */
    public MixtureDataset train() {
        return train;
    }

    /**
     * Returns the validation mixtures, in fixed order, from training images that no training mixture uses.
     *
     * @return the validation split
     */
    public MixtureDataset validation() {
        return validation;
    }

    /**
     * Returns the test mixtures, in fixed order, from the official test split.
     *
     * @return the test split
     */
    public MixtureDataset test() {
        return test;
    }

    @Override
    public String toString() {
        return "MixtureSplits[train " + train.size() + ", validation " + validation.size() + ", test "
                + test.size() + "]";
    }
}

package dev.unstacker.core.data;

import dev.unstacker.api.DatasetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Fashion-MNIST dataset (Zalando Research): 60,000 training and 10,000 test images of 28×28
 * grayscale clothing articles in 10 classes.
 *
 * <p>Load it with {@link #load()} or {@link #load(Path)}, which search the places listed in
 * {@link DataLocator} and accept only the official files.
 */
public final class FashionMnist {

    /** Class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Images in the official training split. */
    public static final int TRAIN_SIZE = 60_000;

    /** Images in the official test split. */
    public static final int TEST_SIZE = 10_000;

    /** Rows and columns of every image. */
    public static final int IMAGE_SIDE = OfficialSplit.IMAGE_SIDE;

    private final ImageSet train;
    private final ImageSet test;
    private final String source;

    /**
     * Creates the dataset from already checked splits.
     *
     * @param train the official training split
     * @param test the official test split
     * @param source where the files came from, for logs and reports
     */
    public FashionMnist(ImageSet train, ImageSet test, String source) {
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Loads Fashion-MNIST from the first place of {@link DataLocator}'s search order that has it,
     * starting with the {@code UNSTACKER_DATA} environment variable.
     *
     * @return the dataset
     * @throws DatasetException if no place has the files, or the files found are not the official ones
     */
    public static FashionMnist load() throws DatasetException {
        return DataLocator.fromSystem().load(Optional.empty());
    }

    /**
     * Loads Fashion-MNIST from {@code directory}, or, if it lacks the files, from the rest of
     * {@link DataLocator}'s search order.
     *
     * @param directory a folder with the four IDX files, each plain or {@code .gz}
     * @return the dataset
     * @throws DatasetException if no place has the files, or the files found are not the official ones
     */
    public static FashionMnist load(Path directory) throws DatasetException {
        return DataLocator.fromSystem().load(Optional.of(directory));
    }

    /**
     * Returns the class name of a label.
     *
     * @param label a label from 0 to 9
     * @return the name, such as "Ankle boot"
     */
    public static String className(int label) {
        return CLASS_NAMES.get(label);
    }

    /**
     * Returns the 60,000 training images.
     *
     * @return the official training split
     */
    public ImageSet train() {
        return train;
    }

    /**
     * Returns the 10,000 test images.
     *
     * @return the official test split
     */
    public ImageSet test() {
        return test;
    }

    /**
     * Returns where the files were loaded from, such as "system directory /usr/share/datasets/fashion-mnist".
     *
     * @return a description of the source
     */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "FashionMnist[train " + train.size() + ", test " + test.size() + ", from " + source + "]";
    }
}

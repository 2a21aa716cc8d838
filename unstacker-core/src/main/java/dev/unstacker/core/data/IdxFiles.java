package dev.unstacker.core.data;

import dev.unstacker.api.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four Fashion-MNIST files in one folder, each stored as {@code name} or {@code name.gz}.
 *
 * <p>When a folder has both forms of a file, the uncompressed one is read, for every file alike,
 * because it skips decompression.
 */
final class IdxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(IdxFiles.class);

    private IdxFiles() {}

    /** Returns the four file names without {@code .gz}, training split first. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (OfficialSplit split : OfficialSplit.values()) {
            names.add(split.imagesName());
            names.add(split.labelsName());
        }
        return names;
    }

    /** Returns the names of the files that {@code directory} has in neither form, each as "name(.gz)". */
    static List<String> missing(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String name : names()) {
            boolean plain = Files.isRegularFile(directory.resolve(name));
            if (!plain && !Files.isRegularFile(directory.resolve(name + ".gz"))) {
                missing.add(name + "(.gz)");
            }
        }
        return missing;
    }

    /**
     * Reads and checks both splits from a folder that has all four files.
     *
     * @param directory the folder
     * @param source the description that {@link FashionMnist#source()} will return
     * @return the dataset
     * @throws DatasetException if a file cannot be read or is not the official file
     */
    static FashionMnist read(Path directory, String source) throws DatasetException {
        ImageSet train = readSplit(directory, OfficialSplit.TRAIN);
        ImageSet test = readSplit(directory, OfficialSplit.TEST);
        return new FashionMnist(train, test, source);
    }

    private static ImageSet readSplit(Path directory, OfficialSplit split) throws DatasetException {
        return SplitReader.read(split, resolve(directory, split.imagesName()), resolve(directory, split.labelsName()));
    }

    private static Path resolve(Path directory, String name) {
        Path plain = directory.resolve(name);
        Path gzip = directory.resolve(name + ".gz");
        if (Files.isRegularFile(plain)) {
            if (Files.isRegularFile(gzip)) {
                LOG.debug("Reading {} and ignoring {}: the uncompressed form is preferred", plain, gzip);
            }
            return plain;
        }
        return gzip;
    }
}

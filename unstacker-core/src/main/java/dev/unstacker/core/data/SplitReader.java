package dev.unstacker.core.data;

import static dev.unstacker.core.data.IdxReader.invalid;

import dev.unstacker.api.DatasetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the image and label file of one official split and checks that they are the official
 * Fashion-MNIST files.
 *
 * <p>The checks run in this order, so each file gets the most specific message:
 * <ol>
 *   <li>structure, while reading: magic number, 28×28 images, truncation, extra bytes;
 *   <li>counts: labels equal images, and both equal the official split size;
 *   <li>labels in 0–9;
 *   <li>SHA-256 of the uncompressed content. On a mismatch, content that looks like the MNIST
 *       digit files (MNIST's exact class counts, or a mean pixel near MNIST's 33) is named as MNIST
 *       before the plain hash message, since MNIST files pass every earlier check.
 * </ol>
 */
final class SplitReader {

    private static final Logger LOG = LoggerFactory.getLogger(SplitReader.class);

    private SplitReader() {}

    /**
     * Reads and checks one split.
     *
     * @param split which official split the files must be
     * @param imagesFile the image file, gzip-compressed if named {@code .gz}
     * @param labelsFile the label file, gzip-compressed if named {@code .gz}
     * @return the images with their labels
     * @throws DatasetException if a file cannot be read or is not the official file
     */
    static ImageSet read(OfficialSplit split, Path imagesFile, Path labelsFile) throws DatasetException {
        long start = System.nanoTime();

        byte[] pixels;
        String imagesHash;
        try (IdxReader reader = IdxReader.open(imagesFile, IdxReader.IMAGES_MAGIC)) {
            int[] dimensions = reader.dimensions();
            checkImageShape(split, imagesFile, dimensions);
            pixels = reader.readData();
            imagesHash = reader.sha256Hex();
        }

        byte[] labels;
        String labelsHash;
        int imageCount = pixels.length / (OfficialSplit.IMAGE_SIDE * OfficialSplit.IMAGE_SIDE);
        try (IdxReader reader = IdxReader.open(labelsFile, IdxReader.LABELS_MAGIC)) {
            int labelCount = reader.dimensions()[0];
            if (labelCount != imageCount) {
                throw invalid(labelsFile, String.format(Locale.ROOT, "one label per image of %s (%,d labels)",
                        imagesFile, imageCount), String.format(Locale.ROOT, "%,d labels", labelCount));
            }
            labels = reader.readData();
            labelsHash = reader.sha256Hex();
        }
        checkLabelRange(labelsFile, labels);

        ImageSet images = ImageSet.wrap(pixels, labels, OfficialSplit.IMAGE_SIDE, OfficialSplit.IMAGE_SIDE);
        checkImagesHash(split, imagesFile, imagesHash, images);
        checkLabelsHash(split, labelsFile, labelsHash, images);
        LOG.debug("Read {} split from {} and {} in {} ms", split.displayName(), imagesFile, labelsFile,
                (System.nanoTime() - start) / 1_000_000);
        return images;
    }

    private static void checkImageShape(OfficialSplit split, Path file, int[] dimensions) throws DatasetException {
        int side = OfficialSplit.IMAGE_SIDE;
        if (dimensions[1] != side || dimensions[2] != side) {
            throw invalid(file, side + "x" + side + " images", dimensions[1] + "x" + dimensions[2] + " images");
        }
        if (dimensions[0] != split.size()) {
            String found = String.format(Locale.ROOT, "%,d images", dimensions[0]);
            OfficialSplit other = OfficialSplit.ofSize(dimensions[0]);
            if (other != null && other != split) {
                found += " (the size of the " + other.displayName() + " split, " + other.imagesName() + ")";
            }
            throw invalid(file, String.format(Locale.ROOT, "%,d images for the %s split", split.size(),
                    split.displayName()), found);
        }
    }

    private static void checkLabelRange(Path file, byte[] labels) throws DatasetException {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= OfficialSplit.CLASS_COUNT) {
                throw invalid(file, "labels 0-" + (OfficialSplit.CLASS_COUNT - 1), "label " + label + " at index " + i);
            }
        }
    }

    /**
     * Checks the image file's hash, naming MNIST digit images as such.
     *
     * @param images the decoded content, inspected only when the hash differs
     */
    static void checkImagesHash(OfficialSplit split, Path file, String actual, ImageSet images)
            throws DatasetException {
        if (actual.equals(split.imagesSha256())) {
            return;
        }
        double mean = images.meanPixel();
        if (Math.abs(mean - OfficialSplit.MNIST_MEAN_PIXEL) <= OfficialSplit.MNIST_MEAN_PIXEL_TOLERANCE) {
            throw mnist(file, String.format(Locale.ROOT, "its mean pixel is %.1f, close to MNIST's 33 "
                    + "where Fashion-MNIST's is about 73", mean));
        }
        throw hashMismatch(file, split.imagesSha256(), actual);
    }

    /**
     * Checks the label file's hash, naming MNIST digit labels as such.
     *
     * @param images the decoded content, inspected only when the hash differs
     */
    static void checkLabelsHash(OfficialSplit split, Path file, String actual, ImageSet images)
            throws DatasetException {
        if (actual.equals(split.labelsSha256())) {
            return;
        }
        int[] counts = images.labelCounts(OfficialSplit.CLASS_COUNT);
        if (Arrays.equals(counts, split.mnistLabelCounts())) {
            int fashionPerClass = split.size() / OfficialSplit.CLASS_COUNT;
            throw mnist(file, "its images per class " + Arrays.toString(counts) + " are exactly MNIST's "
                    + split.displayName() + " split, where Fashion-MNIST has " + fashionPerClass + " per class");
        }
        throw hashMismatch(file, split.labelsSha256(), actual);
    }

    private static DatasetException mnist(Path file, String evidence) {
        return new DatasetException("Invalid Fashion-MNIST file " + file + ": it looks like the MNIST "
                + "handwritten-digit file " + file.getFileName() + ", not Fashion-MNIST; " + evidence
                + ". Both datasets use the same file names, so replace it with the Fashion-MNIST file, for example from the Debian "
                + "package dataset-fashion-mnist.");
    }

    private static DatasetException hashMismatch(Path file, String expected, String actual) {
        return invalid(file, "uncompressed content with the official SHA-256 " + expected,
                "SHA-256 " + actual + " (the file is damaged or modified)");
    }
}

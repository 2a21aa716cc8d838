package dev.unstacker.core.data;

/**
 * The two splits of the official Fashion-MNIST release: file names, sizes and SHA-256 hashes,
 * with the label counts of the MNIST digit files that are often put in their place by mistake.
 *
 * <p>The hashes are of the uncompressed files, because the {@code .gz} bytes differ between
 * distributors (the Debian package dataset-fashion-mnist and the Zalando release compress them
 * differently).
 */
enum OfficialSplit {
    TRAIN("train", 60_000,
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}),
    TEST("test", 10_000,
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});

    /** Rows and columns of every image. */
    static final int IMAGE_SIDE = 28;

    /** Number of classes, labelled 0–9. */
    static final int CLASS_COUNT = 10;

    /**
     * Mean pixel (0–255) of the MNIST digit images, about 0.1307 × 255 for the training split and
     * 0.1325 × 255 for the test split. Fashion-MNIST's is about 72.9 (train) and 73.1 (test).
     */
    static final double MNIST_MEAN_PIXEL = 33.5;

    /** How far a mean pixel may lie from {@link #MNIST_MEAN_PIXEL} for images to look like MNIST. */
    static final double MNIST_MEAN_PIXEL_TOLERANCE = 7;

    private final String displayName;
    private final int size;
    private final String imagesName;
    private final String imagesSha256;
    private final String labelsName;
    private final String labelsSha256;
    private final int[] mnistLabelCounts;

    OfficialSplit(String displayName, int size, String imagesName, String imagesSha256, String labelsName,
            String labelsSha256, int[] mnistLabelCounts) {
        this.displayName = displayName;
        this.size = size;
        this.imagesName = imagesName;
        this.imagesSha256 = imagesSha256;
        this.labelsName = labelsName;
        this.labelsSha256 = labelsSha256;
        this.mnistLabelCounts = mnistLabelCounts;
    }

    /** Returns "train" or "test". */
    String displayName() {
        return displayName;
    }

    /** Returns the number of images in the official split. */
    int size() {
        return size;
    }

    /** Returns the image file name without {@code .gz}. */
    String imagesName() {
        return imagesName;
    }

    /** Returns the SHA-256 of the uncompressed image file. */
    String imagesSha256() {
        return imagesSha256;
    }

    /** Returns the label file name without {@code .gz}. */
    String labelsName() {
        return labelsName;
    }

    /** Returns the SHA-256 of the uncompressed label file. */
    String labelsSha256() {
        return labelsSha256;
    }

    /** Returns the images per class of the MNIST digit file of the same split. */
    int[] mnistLabelCounts() {
        return mnistLabelCounts.clone();
    }

    /** Returns the split whose official size is {@code count}, or null if none has it. */
    static OfficialSplit ofSize(int count) {
        for (OfficialSplit split : values()) {
            if (split.size == count) {
                return split;
            }
        }
        return null;
    }
}

package dev.unstacker.core.data;

import static dev.unstacker.core.data.RealFiles.TEST_IMAGES;
import static dev.unstacker.core.data.RealFiles.TEST_LABELS;
import static dev.unstacker.core.data.RealFiles.TRAIN_IMAGES;
import static dev.unstacker.core.data.RealFiles.TRAIN_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.DatasetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads real Fashion-MNIST files and damaged copies of them. Most cases damage a test-split file
 * and link the real training files, because the test files are six times smaller.
 */
class FashionMnistFilesTest {

    private static final String TEST_IMAGES_SHA256 = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b";

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void createFolder() throws IOException {
        folder = Files.createDirectory(temp.resolve("fashion"));
    }

    private FashionMnist load() throws DatasetException {
        return new DataLocator(name -> null, temp.resolve("no-system-directory")).load(Optional.of(folder));
    }

    private static void putInt(byte[] content, int offset, int value) {
        ByteBuffer.wrap(content).putInt(offset, value);
    }

    @Nested
    class Formats {

        @Test
        void plainFilesAreRead() throws Exception {
            for (String name : RealFiles.NAMES) {
                RealFiles.writePlain(folder, name, RealFiles.content(name));
            }

            FashionMnist data = load();

            assertThat(data.train().size()).isEqualTo(60_000);
            assertThat(data.test().size()).isEqualTo(10_000);
        }

        @Test
        void gzipFromAnyCompressorIsRead() throws Exception {
            // Java's gzip output differs byte for byte from the packaged files; the hash is of the content.
            RealFiles.linkTrain(folder);
            RealFiles.writeGzip(folder, TEST_IMAGES, RealFiles.content(TEST_IMAGES));
            RealFiles.writeGzip(folder, TEST_LABELS, RealFiles.content(TEST_LABELS));

            FashionMnist data = load();

            assertThat(data.test().size()).isEqualTo(10_000);
        }

        @Test
        void imagesAndLabelsMatchTheFiles() throws Exception {
            RealFiles.linkAll(folder);
            byte[] images = RealFiles.content(TEST_IMAGES);
            byte[] labels = RealFiles.content(TEST_LABELS);

            ImageSet test = load().test();
            float[] first = new float[784];
            test.copyPixels(9_999, first, 0);

            assertThat(test.height()).isEqualTo(28);
            assertThat(test.width()).isEqualTo(28);
            assertThat(test.label(9_999)).isEqualTo(labels[8 + 9_999]);
            assertThat(first[400]).isEqualTo((images[16 + 9_999 * 784 + 400] & 0xFF) / 255f);
            assertThat(test.labelCounts(10)).containsOnly(1_000);
        }

        @Test
        void plainFileIsPreferredOverGzip() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.writePlain(folder, TEST_IMAGES, RealFiles.content(TEST_IMAGES));
            RealFiles.writePlain(folder, TEST_LABELS, RealFiles.content(TEST_LABELS));
            Files.write(folder.resolve(TEST_IMAGES + ".gz"), new byte[] {1, 2, 3});

            assertThat(load().test().size()).isEqualTo(10_000);
        }

        @Test
        void damagedPlainFileIsNotHiddenByGzip() throws Exception {
            RealFiles.linkAll(folder);
            Path plain = RealFiles.writePlain(folder, TEST_LABELS, new byte[] {0, 0, 8});

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("Invalid Fashion-MNIST file " + plain + ":");
        }
    }

    @Nested
    class Truncation {

        @Test
        void truncatedPlainFileIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, Arrays.copyOf(RealFiles.content(TEST_IMAGES), 3_920_016));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("Invalid Fashion-MNIST file " + file + ": expected 7,840,016 bytes (a 16-byte header "
                            + "and 7,840,000 data bytes for dimensions [10000, 28, 28]), found only 3,920,016 bytes "
                            + "(the file is truncated). Replace it with the official file, for example from the Debian "
                            + "package dataset-fashion-mnist.");
        }

        @Test
        void truncatedGzipStreamIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] compressed = RealFiles.gzip(RealFiles.content(TEST_IMAGES));
            Path file = Files.write(folder.resolve(TEST_IMAGES + ".gz"), Arrays.copyOf(compressed, compressed.length / 2));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected 7,840,016 bytes")
                    .hasMessageContaining("(the file is truncated)");
        }

        @Test
        void missingGzipTrailerIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] compressed = RealFiles.gzip(RealFiles.content(TEST_IMAGES));
            Path file = Files.write(folder.resolve(TEST_IMAGES + ".gz"), Arrays.copyOf(compressed, compressed.length - 8));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected a complete gzip stream, "
                            + "found a stream cut off after all data bytes (the gzip trailer is missing)");
        }

        @Test
        void truncatedHeaderIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            Path file = RealFiles.writePlain(folder, TEST_LABELS, new byte[] {0, 0, 8, 1, 0, 0});

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected an IDX header of at "
                            + "least 8 bytes, found 6 bytes (the file is truncated)");
        }

        @Test
        void extraBytesAreRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            byte[] content = Arrays.copyOf(RealFiles.content(TEST_LABELS), 10_008 + 3);
            Path file = RealFiles.writePlain(folder, TEST_LABELS, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected 10,008 bytes as its "
                            + "header promises, found 3 more bytes after them");
        }
    }

    @Nested
    class Header {

        @Test
        void wrongMagicNumberIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] content = RealFiles.content(TEST_IMAGES);
            putInt(content, 0, 0x00000804);
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected IDX magic number "
                            + "0x00000803 (unsigned-byte images, 3 dimensions), found 0x00000804.");
        }

        @Test
        void labelFileInPlaceOfImagesIsNamed() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, RealFiles.content(TEST_LABELS));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageContaining(file + ": expected IDX magic number 0x00000803")
                    .hasMessageContaining("found 0x00000801 (a label file where an image file belongs)");
        }

        @Test
        void gzipWithoutGzNameIsNamed() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            Path file = RealFiles.writePlain(folder, TEST_LABELS, RealFiles.gzip(RealFiles.content(TEST_LABELS)));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageContaining(file + ": expected IDX magic number 0x00000801 (unsigned-byte labels, "
                            + "1 dimension), found 0x1F8B0800 (the file is gzip-compressed: add .gz to its name)");
        }

        @Test
        void plainFileWithGzNameIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            Path file = Files.write(folder.resolve(TEST_LABELS + ".gz"), RealFiles.content(TEST_LABELS));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected a gzip stream because "
                            + "the name ends in .gz, found no gzip header");
        }

        @Test
        void wrongImageSizeIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] content = RealFiles.content(TEST_IMAGES);
            putInt(content, 8, 32);
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected 28x28 images, "
                            + "found 32x28 images.");
        }

        @Test
        void labelCountOtherThanImageCountIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            Path images = RealFiles.file(TEST_IMAGES);
            RealFiles.link(folder, TEST_IMAGES);
            Path labels = RealFiles.writePlain(folder, TEST_LABELS, RealFiles.content(TRAIN_LABELS));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + labels + ": expected one label per image of "
                            + folder.resolve(images.getFileName()) + " (10,000 labels), found 60,000 labels.");
        }

        @Test
        void imagesOfOtherSplitAreNamed() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            Path file = folder.resolve(TEST_IMAGES + ".gz");
            Files.createSymbolicLink(file, RealFiles.file(TRAIN_IMAGES));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected 10,000 images for the "
                            + "test split, found 60,000 images (the size of the train split, train-images-idx3-ubyte).");
        }

        @Test
        void labelOutOfRangeIsRejected() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            byte[] content = RealFiles.content(TEST_LABELS);
            content[8 + 5] = 10;
            Path file = RealFiles.writePlain(folder, TEST_LABELS, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected labels 0-9, "
                            + "found label 10 at index 5.");
        }
    }

    @Nested
    class Content {

        @Test
        void tamperedByteFailsHashCheck() throws Exception {
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] content = RealFiles.content(TEST_IMAGES);
            content[16 + 1234] ^= 1;
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": expected uncompressed content "
                            + "with the official SHA-256 " + TEST_IMAGES_SHA256 + ", found SHA-256 ")
                    .hasMessageContaining("(the file is damaged or modified)")
                    .hasMessageNotContaining("MNIST handwritten-digit");
        }

        @Test
        void mnistTestLabelsAreNamed() throws Exception {
            // No MNIST file can be installed here, so this writes a Fashion-MNIST label file whose
            // class counts are exactly those of MNIST's official t10k-labels-idx1-ubyte.
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_IMAGES);
            int[] mnistCounts = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
            Path file = RealFiles.writeGzip(folder, TEST_LABELS, withClassCounts(RealFiles.content(TEST_LABELS), mnistCounts));

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessage("Invalid Fashion-MNIST file " + file + ": it looks like the MNIST handwritten-digit "
                            + "file t10k-labels-idx1-ubyte.gz, not Fashion-MNIST; its images per class "
                            + Arrays.toString(mnistCounts) + " are exactly MNIST's test split, where Fashion-MNIST "
                            + "has 1000 per class. Both datasets use the same file names, so replace it with the "
                            + "Fashion-MNIST file, for example from the Debian package dataset-fashion-mnist.");
        }

        @Test
        void mnistTrainLabelsAreNamed() throws Exception {
            // Built like the test-split case: real Fashion-MNIST labels rewritten to MNIST's class counts.
            RealFiles.link(folder, TRAIN_IMAGES);
            int[] mnistCounts = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
            Path file = RealFiles.writePlain(folder, TRAIN_LABELS, withClassCounts(RealFiles.content(TRAIN_LABELS), mnistCounts));
            RealFiles.link(folder, TEST_IMAGES);
            RealFiles.link(folder, TEST_LABELS);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": it looks like the MNIST "
                            + "handwritten-digit file train-labels-idx1-ubyte, not Fashion-MNIST; its images per "
                            + "class " + Arrays.toString(mnistCounts) + " are exactly MNIST's train split");
        }

        @Test
        void darkImagesLikeMnistAreNamed() throws Exception {
            // MNIST digits are mostly black background: mean pixel about 33 against Fashion-MNIST's 73.
            RealFiles.linkTrain(folder);
            RealFiles.link(folder, TEST_LABELS);
            byte[] content = RealFiles.content(TEST_IMAGES);
            for (int i = 16; i < content.length; i++) {
                content[i] = (byte) Math.round((content[i] & 0xFF) * 0.46);
            }
            Path file = RealFiles.writePlain(folder, TEST_IMAGES, content);

            assertThatThrownBy(FashionMnistFilesTest.this::load)
                    .hasMessageStartingWith("Invalid Fashion-MNIST file " + file + ": it looks like the MNIST "
                            + "handwritten-digit file t10k-images-idx3-ubyte, not Fashion-MNIST; its mean pixel is 33.")
                    .hasMessageContaining("close to MNIST's 33 where Fashion-MNIST's is about 73");
        }
    }

    /** Returns a copy of a label file whose labels are rewritten to have the given count per class. */
    private static byte[] withClassCounts(byte[] labelFile, int[] counts) {
        byte[] content = labelFile.clone();
        int position = 8;
        for (int label = 0; label < counts.length; label++) {
            for (int n = 0; n < counts[label]; n++) {
                content[position++] = (byte) label;
            }
        }
        assertThat(position).isEqualTo(content.length);
        return content;
    }
}

package dev.unstacker.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    private static final byte[] PIXELS = {0, 51, (byte) 255, 102, 1, 2, 3, 4};
    private static final byte[] LABELS = {3, 9};

    @Nested
    class Access {

        @Test
        void copyPixelsScalesToUnitRange() {
            ImageSet images = ImageSet.of(PIXELS, LABELS, 2, 2);
            float[] out = new float[6];

            images.copyPixels(0, out, 1);

            assertThat(out).containsExactly(0f, 0f, 0.2f, 1f, 0.4f, 0f);
        }

        @Test
        void labelsAndShapeAreReported() {
            ImageSet images = ImageSet.of(PIXELS, LABELS, 2, 2);

            assertThat(images.size()).isEqualTo(2);
            assertThat(images.height()).isEqualTo(2);
            assertThat(images.width()).isEqualTo(2);
            assertThat(images.label(1)).isEqualTo(9);
            assertThat(images.pixel(0, 2)).isEqualTo(255);
            assertThat(images.labelCounts(10)).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 1);
        }

        @Test
        void callerArraysAreCopied() {
            byte[] pixels = PIXELS.clone();
            ImageSet images = ImageSet.of(pixels, LABELS, 2, 2);

            pixels[0] = 100;

            assertThat(images.pixel(0, 0)).isZero();
        }

        @Test
        void indexOutOfRangeIsRejected() {
            ImageSet images = ImageSet.of(PIXELS, LABELS, 2, 2);

            assertThatThrownBy(() -> images.copyPixels(2, new float[4], 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> images.copyPixels(0, new float[4], 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class Construction {

        @Test
        void pixelCountMustMatchLabels() {
            assertThatThrownBy(() -> ImageSet.of(PIXELS, new byte[3], 2, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expected 3 images of 2x2 = 12 pixels for 3 labels, but got 8 pixels.");
        }

        @Test
        void labelAbove127IsRejected() {
            assertThatThrownBy(() -> ImageSet.of(PIXELS, new byte[] {0, (byte) 200}, 2, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Labels must be 0-127, but label 1 is 200.");
        }
    }
}

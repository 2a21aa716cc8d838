package dev.unstacker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeparationTest {

    private static BufferedImage image() {
        return new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void fewerThanTwoSourcesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Separation(List.of(image()), List.of(new float[4]), 0));
        assertEquals("A separation has at least 2 sources, but got 1", error.getMessage());
    }

    @Test
    void listsOfDifferentLengthsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Separation(List.of(image(), image()), List.of(new float[4]), 0));
        assertEquals("images and arrays must have one entry per source, but got 2 images and 1 arrays",
                error.getMessage());
    }

    @Test
    void arraysAreCopies() {
        float[] first = {0.1f, 0.2f, 0.3f, 0.4f};
        Separation separation = new Separation(List.of(image(), image()), List.of(first, new float[4]), 0.01);

        float[] returned = separation.arrays().get(0);
        returned[0] = 0.9f;

        assertNotSame(first, returned);
        assertEquals(0.1f, separation.arrays().get(0)[0]);
        assertEquals(2, separation.sourceCount());
    }
}

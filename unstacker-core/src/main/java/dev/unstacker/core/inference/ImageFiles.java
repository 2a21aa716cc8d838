package dev.unstacker.core.inference;

import dev.unstacker.api.InvalidImageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files with {@code javax.imageio}, checking everything that can be checked before
 * decoding.
 *
 * <p>In order, a file is rejected when the path is null, the file is missing, is not a regular file,
 * is empty, is larger than {@link #MAX_FILE_BYTES}, is in no format an installed ImageIO reader
 * accepts, has a header that cannot be read, declares no pixels or more than
 * {@link ImageInput#MAX_PIXELS} in its header, or fails to decode. Only then is it decoded, so a
 * small file that claims a huge size is rejected without allocating its pixels. A file that contains
 * more than one image, such as an animated GIF or a multi-page TIFF, is rejected after its first
 * frame is decoded, because no single frame is the obvious one to separate.
 */
public final class ImageFiles {

    /** The largest image file accepted: 64 MiB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private ImageFiles() {}

    /**
     * Checks and decodes an image file.
     *
     * @param file the file
     * @return the decoded image
     * @throws InvalidImageException if any check in the class description fails, or the file cannot
     *     be read, for example for lack of permission
     */
    public static BufferedImage read(Path file) {
        if (file == null) {
            throw new InvalidImageException(
                    "file must not be null; pass the path of an image file (" + acceptedFormats() + ")");
        }
        checkFile(file);

        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            if (stream == null) {
                throw new InvalidImageException("Image file " + file + " cannot be opened for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new InvalidImageException(
                        "Image file " + file + " is not in an image format that ImageIO reads; pass one of: "
                                + acceptedFormats());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return decode(file, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidImageException("Image file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidImageException(
                    "Image file " + file + " does not exist; pass the path of an existing image file", e);
        } catch (IOException e) {
            throw new InvalidImageException("Image file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory" : "not a regular file";
            throw new InvalidImageException(
                    "Image file " + file + " is " + kind + "; pass the path of an image file");
        }
        if (attributes.size() == 0) {
            throw new InvalidImageException(
                    "Image file " + file + " is empty (0 bytes); pass an image file (" + acceptedFormats() + ")");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new InvalidImageException(String.format(
                    Locale.ROOT,
                    "Image file %s has %,d bytes, over the limit of %,d bytes (64 MiB); pass a smaller image",
                    file, attributes.size(), MAX_FILE_BYTES));
        }
    }

    private static BufferedImage decode(Path file, ImageReader reader) {
        String name = "Image file " + file;
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            // ImageReader.getWidth also throws IndexOutOfBoundsException, for a file without an
            // image, and plug-in readers throw other unchecked exceptions on malformed headers.
            throw new InvalidImageException(
                    name + " is damaged: its header cannot be read (" + e.getMessage()
                            + "); pass a complete image file", e);
        }
        ImageInput.checkDimensions(name, width, height);

        // NOTE: any decoder warning rejects the file, also one that a viewer would ignore, because
        // the JDK's JPEG reader reports a truncated file only as a warning and returns a partial image.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(undecodable(name, describe(e)), e);
        }
        if (!warnings.isEmpty()) {
            throw new InvalidImageException(undecodable(name, warnings.get(0)));
        }
        if (hasSecondImage(reader)) {
            throw new InvalidImageException(
                    name + " contains more than one image (an animation or several pages); save the frame to"
                            + " separate as an image file of its own and pass that");
        }
        return image;
    }

    /** Returns whether the reader finds a second image. Damage after the first image counts as none. */
    private static boolean hasSecondImage(ImageReader reader) {
        try {
            reader.getWidth(1);
            return true;
        } catch (IndexOutOfBoundsException | IOException e) {
            return false;
        }
    }

    private static String undecodable(String name, String reason) {
        return name + " cannot be decoded: " + reason
                + "; the file is damaged, truncated or an unsupported variant of its format";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            message = message == null ? cause.getMessage() : message + " (" + cause.getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Returns the lower-case format names of the installed ImageIO readers, sorted. */
    static String acceptedFormats() {
        TreeSet<String> names = new TreeSet<>();
        Arrays.stream(ImageIO.getReaderFormatNames()).map(n -> n.toLowerCase(Locale.ROOT)).forEach(names::add);
        return String.join(", ", names);
    }
}

package dev.unstacker.core.data;

import dev.unstacker.api.DatasetException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of one IDX file (the format of the MNIST family), plain or gzip-compressed.
 *
 * <p>An IDX file is a 4-byte big-endian magic number, whose last byte is the number of
 * dimensions, then one big-endian int per dimension, then the unsigned bytes in row-major order.
 * A file whose name ends in {@code .gz} is decompressed while it is read. The reader computes the
 * SHA-256 of the uncompressed content on the way, so the content is read once and never buffered
 * twice.
 *
 * <p>Use it in three steps: {@link #open} checks the magic number and reads the dimensions, the
 * caller checks them, and {@link #readData} reads exactly the promised bytes and checks that
 * nothing follows. Every failure is a {@link DatasetException} that names the file.
 */
final class IdxReader implements AutoCloseable {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final MessageDigest digest;
    private final int[] dimensions;
    private boolean dataRead;

    private IdxReader(Path file, InputStream in, MessageDigest digest, int[] dimensions) {
        this.file = file;
        this.in = in;
        this.digest = digest;
        this.dimensions = dimensions;
    }

    /**
     * Opens a file, checks its magic number and reads its dimensions.
     *
     * @param file an IDX file, gzip-compressed if its name ends in {@code .gz}
     * @param expectedMagic {@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}
     * @return a reader positioned at the first data byte
     * @throws DatasetException if the file cannot be read, is not gzip although named so, is
     *     shorter than its header or has another magic number
     */
    static IdxReader open(Path file, int expectedMagic) throws DatasetException {
        MessageDigest digest = sha256();
        InputStream in = null;
        try {
            InputStream raw = Files.newInputStream(file);
            in = raw;
            if (isGzipName(file)) {
                in = new GZIPInputStream(raw, GZIP_BUFFER_BYTES);
            }
            in = new DigestInputStream(in, digest);

            int magic = readHeaderInt(file, in, 0);
            checkMagic(file, magic, expectedMagic);
            int[] dimensions = new int[expectedMagic & 0xFF];
            for (int d = 0; d < dimensions.length; d++) {
                dimensions[d] = readHeaderInt(file, in, 4 + 4 * d);
                if (dimensions[d] < 0) {
                    throw invalid(file, "non-negative dimension sizes", "dimension " + d + " of size " + dimensions[d]);
                }
            }
            return new IdxReader(file, in, digest, dimensions);
        } catch (DatasetException | RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        } catch (ZipException e) {
            closeQuietly(in, e);
            throw invalid(file, "a gzip stream because the name ends in .gz",
                    "no gzip header (" + e.getMessage() + ")");
        } catch (EOFException e) {
            closeQuietly(in, e);
            throw invalid(file, "a complete IDX header", "a gzip stream that ends before it (the file is truncated)");
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new DatasetException("Failed to read Fashion-MNIST file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the dimension sizes from the header, which for images are count, rows and columns.
     *
     * @return a copy of the dimension sizes
     */
    int[] dimensions() {
        return dimensions.clone();
    }

    /**
     * Reads exactly the bytes the header promises and checks that the file ends right after them.
     *
     * @return the data bytes, one array of exactly the promised size
     * @throws DatasetException if the file is truncated, longer than promised or a corrupt gzip stream
     */
    byte[] readData() throws DatasetException {
        long size = Arrays.stream(dimensions).asLongStream().reduce(1, (a, b) -> a * b);
        int headerBytes = 4 + 4 * dimensions.length;
        if (size > Integer.MAX_VALUE - 8) {
            throw invalid(file, "at most " + (Integer.MAX_VALUE - 8) + " data bytes", Arrays.toString(dimensions)
                    + " dimensions, " + size + " bytes");
        }
        byte[] data = new byte[(int) size];
        int filled = 0;
        try {
            while (filled < data.length) {
                int read = in.read(data, filled, data.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
        } catch (EOFException e) {
            // GZIPInputStream throws this for a cut-off stream where a plain file returns -1, and
            // filled still counts the bytes that arrived.
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (filled != data.length) {
            String expected = String.format(Locale.ROOT,
                    "%,d bytes (a %d-byte header and %,d data bytes for dimensions %s)",
                    headerBytes + size, headerBytes, size, Arrays.toString(dimensions));
            String found = String.format(Locale.ROOT, "only %,d bytes (the file is truncated)", headerBytes + filled);
            throw invalid(file, expected, found);
        }

        checkEnd(headerBytes + size);
        dataRead = true;
        return data;
    }

    /**
     * Returns the SHA-256 of the uncompressed content, header included, in lower-case hex.
     *
     * @return the hex digest
     * @throws IllegalStateException if {@link #readData} has not returned yet
     */
    String sha256Hex() {
        if (!dataRead) {
            throw new IllegalStateException("Call readData() before sha256Hex(): the digest covers the whole file.");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws DatasetException {
        try {
            in.close();
        } catch (IOException e) {
            throw new DatasetException("Failed to close Fashion-MNIST file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds the message shared by every check: the file, what was expected and what was found. */
    static DatasetException invalid(Path file, String expected, String found) {
        return new DatasetException("Invalid Fashion-MNIST file " + file + ": expected " + expected + ", found "
                + found + ". Replace it with the official file, for example from the Debian package "
                + "dataset-fashion-mnist.");
    }

    private void checkEnd(long expectedBytes) throws DatasetException {
        // Reading on to the end also makes GZIPInputStream check the gzip trailer (CRC and length).
        byte[] scratch = new byte[8192];
        long extra = 0;
        try {
            for (int read = in.read(scratch); read >= 0; read = in.read(scratch)) {
                extra += read;
            }
        } catch (EOFException e) {
            throw invalid(file, "a complete gzip stream",
                    "a stream cut off after all data bytes (the gzip trailer is missing)");
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (extra > 0) {
            throw invalid(file, String.format(Locale.ROOT, "%,d bytes as its header promises", expectedBytes),
                    String.format(Locale.ROOT, "%,d more bytes after them", extra));
        }
    }

    private DatasetException corrupt(IOException e) {
        if (e instanceof ZipException) {
            return invalid(file, "an intact gzip stream", "a corrupt one (" + e.getMessage() + ")");
        }
        return new DatasetException("Failed to read Fashion-MNIST file " + file + ": " + e.getMessage(), e);
    }

    private static int readHeaderInt(Path file, InputStream in, int position) throws IOException, DatasetException {
        byte[] bytes = in.readNBytes(4);
        if (bytes.length < 4) {
            throw invalid(file, "an IDX header of at least " + (position + 4) + " bytes",
                    (position + bytes.length) + " bytes (the file is truncated)");
        }
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    private static void checkMagic(Path file, int magic, int expectedMagic) throws DatasetException {
        if (magic == expectedMagic) {
            return;
        }
        String expected = String.format(Locale.ROOT, "IDX magic number 0x%08X (%s)", expectedMagic,
                expectedMagic == IMAGES_MAGIC
                        ? "unsigned-byte images, 3 dimensions"
                        : "unsigned-byte labels, 1 dimension");
        String found = String.format(Locale.ROOT, "0x%08X", magic);
        if ((magic >>> 16) == 0x1F8B) {
            found += " (the file is gzip-compressed: add .gz to its name)";
        } else if (magic == IMAGES_MAGIC) {
            found += " (an image file where a label file belongs)";
        } else if (magic == LABELS_MAGIC) {
            found += " (a label file where an image file belongs)";
        }
        throw invalid(file, expected, found);
    }

    private static boolean isGzipName(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    private static void closeQuietly(InputStream in, Exception primary) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}

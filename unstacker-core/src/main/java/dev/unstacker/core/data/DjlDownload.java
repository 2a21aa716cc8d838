package dev.unstacker.core.data;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import dev.unstacker.api.DatasetException;
import dev.unstacker.core.engine.EngineSetup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last place {@link DataLocator} tries: DJL basicdataset's {@code FashionMnist}, which
 * downloads the files into DJL's cache folder ({@code ~/.djl.ai} unless {@code DJL_CACHE_DIR} is set).
 *
 * <p>DJL returns (N, 28, 28, 1) float arrays of 0–255 values. They are converted back to bytes,
 * and the IDX content they came from is rebuilt and hashed, so the download passes the same
 * SHA-256 check as local files.
 */
final class DjlDownload {

    private static final Logger LOG = LoggerFactory.getLogger(DjlDownload.class);

    private DjlDownload() {}

    /**
     * Loads Fashion-MNIST through DJL unless DJL runs offline, recording why it did not.
     *
     * @param attempts the list of places tried, to which a failed attempt is added
     * @return the dataset, or empty if DJL is offline or the download failed
     * @throws DatasetException if the downloaded content is not the official dataset
     */
    static Optional<FashionMnist> tryLoad(List<String> attempts) throws DatasetException {
        String place = "DJL basicdataset download (ai.djl.basicdataset.cv.classification.FashionMnist)";
        if (Utils.isOfflineMode()) {
            LOG.debug("Skipping the DJL download: DJL offline mode is on");
            attempts.add(place + ": skipped because DJL runs offline "
                    + "(DJL_OFFLINE=true or system property offline=true)");
            return Optional.empty();
        }

        // NOTE: tests run offline, so this download and conversion are never exercised by them.
        EngineSetup.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageSet train = read(manager, Dataset.Usage.TRAIN, OfficialSplit.TRAIN);
            ImageSet test = read(manager, Dataset.Usage.TEST, OfficialSplit.TEST);
            return Optional.of(new FashionMnist(train, test, place));
        } catch (IOException | TranslateException | RuntimeException e) {
            LOG.debug("DJL download failed", e);
            attempts.add(place + ": failed (" + e + ")");
            return Optional.empty();
        }
    }

    private static ImageSet read(NDManager manager, Dataset.Usage usage, OfficialSplit split)
            throws IOException, TranslateException, DatasetException {
        ai.djl.basicdataset.cv.classification.FashionMnist dataset =
                ai.djl.basicdataset.cv.classification.FashionMnist.builder()
                        .optManager(manager)
                        .optUsage(usage)
                        .setSampling(1, false)
                        .build();
        dataset.prepare();

        int count = Math.toIntExact(dataset.size());
        float[] pixelValues;
        float[] labelValues;
        // getByRange skips the dataset's ToTensor pipeline, so values stay 0–255.
        try (Batch batch = dataset.getByRange(manager, 0, count)) {
            pixelValues = batch.getData().head().toFloatArray();
            labelValues = batch.getLabels().head().toFloatArray();
        }
        byte[] pixels = toBytes(pixelValues);
        byte[] labels = toBytes(labelValues);

        int side = OfficialSplit.IMAGE_SIDE;
        Path source = Path.of("DJL " + split.displayName() + " split");
        ImageSet images = ImageSet.wrap(pixels, labels, side, side);
        SplitReader.checkImagesHash(split, source.resolve(split.imagesName()),
                sha256(IdxReader.IMAGES_MAGIC, new int[] {count, side, side}, pixels), images);
        SplitReader.checkLabelsHash(split, source.resolve(split.labelsName()),
                sha256(IdxReader.LABELS_MAGIC, new int[] {count}, labels), images);
        return images;
    }

    private static byte[] toBytes(float[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(values[i]);
        }
        return bytes;
    }

    /** Hashes the IDX file that would hold {@code data}: magic, dimensions, then the bytes. */
    private static String sha256(int magic, int[] dimensions, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dimensions.length).putInt(magic);
        for (int dimension : dimensions) {
            header.putInt(dimension);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(header.array());
            digest.update(data);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}

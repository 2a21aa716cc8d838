package dev.unstacker.core.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Turns a chunk of model-sized mixtures into one {@code (N, 1, H, W)} batch, and the network's
 * {@code (N, K, H, W)} output into one flat float array.
 *
 * <p>Every array it creates lives in the predictor's per-call context and is freed when the call
 * ends. The batch is built on a direct buffer that this translator keeps and reuses, because DJL's
 * PyTorch engine (0.36.0, on the CPU) wraps a direct buffer without copying it. From a heap array it
 * would allocate a new direct buffer per call, which only the garbage collector frees. A translator
 * therefore serves one predictor, which serves one thread at a time.
 */
final class MixtureTranslator implements Translator<List<float[]>, float[]> {

    private final int sources;
    private final int height;
    private final int width;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    MixtureTranslator(int sources, int height, int width) {
        this.sources = sources;
        this.height = height;
        this.width = width;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<float[]> mixtures) {
        int bytes = mixtures.size() * height * width * Float.BYTES;
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear().limit(bytes);
        FloatBuffer floats = buffer.asFloatBuffer();
        for (float[] mixture : mixtures) {
            floats.put(mixture);
        }

        Shape shape = new Shape(mixtures.size(), 1, height, width);
        return new NDList(ctx.getNDManager().create(buffer, shape, DataType.FLOAT32));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray estimates = list.singletonOrThrow();
        Shape shape = estimates.getShape();
        if (shape.dimension() != 4 || shape.get(1) != sources || shape.get(2) != height || shape.get(3) != width) {
            throw new IllegalStateException(
                    "The network returned estimates of shape " + shape + ", but (N, " + sources + ", "
                            + height + ", " + width + ") was expected from its description");
        }
        return estimates.toFloatArray();
    }

    /** Returns null, because {@link #processInput} builds the whole batch itself. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}

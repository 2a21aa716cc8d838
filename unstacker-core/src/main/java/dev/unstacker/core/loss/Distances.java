package dev.unstacker.core.loss;

import dev.unstacker.api.ImageDistance;
import java.util.List;
import java.util.Locale;

/** The built-in distances, looked up by name. */
public final class Distances {

    /** The names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of("l1", "l2", "ssim", "cosine", "psnr");

    private Distances() {}

    /**
     * Returns the built-in distance with the given name.
     *
     * @param name one of {@link #NAMES}, case-insensitive
     * @return the distance
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ImageDistance byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "l1" -> new L1Distance();
            case "l2" -> new L2Distance();
            case "ssim" -> new SsimDistance();
            case "cosine" -> new CosineDistance();
            case "psnr" -> new PsnrDistance();
            default -> throw new IllegalArgumentException(
                    "Unknown loss '" + name + "'; the built-in losses are " + String.join(", ", NAMES)
                            + ", or pass your own ImageDistance");
        };
    }
}

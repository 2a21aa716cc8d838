package dev.unstacker.core.inference;

/**
 * The brightness of an input's background, which decides whether the input is inverted before
 * separation.
 *
 * <p>The model was trained on Fashion-MNIST, whose objects are light on a black background. An input
 * with a light background, such as a product photo on white, is inverted ({@code v → 1 − v}) before
 * separation, and its estimates are inverted back, so they have the input's background again.
 *
 * <p>{@link #AUTO} decides per image from its border pixels, that is its first and last row and
 * column. Brightness is the gray value, or the BT.601 luma for a colour image.
 *
 * <ul>
 *   <li>An opaque image has a light background when the median brightness of its border pixels is
 *       above 0.5.
 *   <li>In an image with transparency, only border pixels with alpha of at least 0.5 count. When at
 *       least half of the border pixels are that opaque, their median decides as above.
 *   <li>Otherwise the border is transparent, and the object decides: the median brightness of all
 *       pixels with alpha of at least 0.5. A dark object (median at most 0.5) is treated as lying on
 *       a light background, a light object as lying on a dark one, and an image without such pixels
 *       as dark.
 * </ul>
 *
 * <p>Transparent pixels are composited over black for a dark background and over white for a light
 * one, so after inversion they are black either way.
 */
public enum Background {

    /** Decide per image by the rule in the class description. */
    AUTO,

    /** Light objects on a dark background, as in Fashion-MNIST: the input is used as it is. */
    DARK,

    /** Dark objects on a light background: the input is inverted and the estimates inverted back. */
    LIGHT
}

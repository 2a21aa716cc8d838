package dev.unstacker.core.inference;

/** The size of the estimates that a separation returns. */
public enum OutputSize {

    /**
     * The model's image size, such as 28×28. An input of another size appears scaled and centred,
     * with background padding, as the network saw it.
     */
    MODEL,

    /**
     * The input's own width and height. The estimates are cropped to the region the input occupied
     * in the model's image and scaled back, so they are no sharper than the model's size allows.
     */
    INPUT
}

package dev.unstacker.core.model;

/** How the network turns its K raw outputs into estimates. */
public enum OutputMode {

    /** Each estimate is the mixture plus its own predicted correction, with no constraint. */
    FREE,

    /**
     * The estimates are projected so that their weighted sum equals the input mixture exactly:
     * the mismatch {@code r = O − Σ wᵢ·Eᵢ} is added back as {@code Eᵢ += wᵢ·r / Σ wⱼ²}, the smallest
     * correction that satisfies the constraint.
     */
    MIXTURE_CONSISTENT
}

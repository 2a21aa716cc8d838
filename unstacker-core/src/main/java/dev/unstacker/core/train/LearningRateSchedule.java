package dev.unstacker.core.train;

/** The course of the learning rate over a run. */
public enum LearningRateSchedule {

    /** The base rate throughout. */
    CONSTANT,

    /** Cosine decay from the base rate to 1% of it at the last step. */
    COSINE;

    /**
     * Returns the learning rate at a step.
     *
     * @param base the base learning rate
     * @param step the update number, from 0
     * @param totalSteps the number of updates in the whole run
     * @return the learning rate
     */
    public float rateAt(float base, long step, long totalSteps) {
        if (this == CONSTANT || totalSteps <= 1) {
            return base;
        }
        double progress = Math.min(1.0, (double) step / (totalSteps - 1));
        double floor = 0.01 * base;
        return (float) (floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}

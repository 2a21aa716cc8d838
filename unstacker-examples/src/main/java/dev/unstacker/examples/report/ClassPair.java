package dev.unstacker.examples.report;

/**
 * The test mixtures whose two sources come from one pair of classes, in either order.
 *
 * @param classA the smaller class index
 * @param classB the larger class index, equal to {@code classA} for a same-class pair
 * @param meanPsnrDb mean PSNR in decibels over those mixtures
 * @param count the number of mixtures
 */
public record ClassPair(int classA, int classB, double meanPsnrDb, long count) {

    /** Returns whether both sources come from the same class. */
    public boolean sameClass() {
        return classA == classB;
    }
}

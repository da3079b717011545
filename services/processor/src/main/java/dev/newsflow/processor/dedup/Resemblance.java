package dev.newsflow.processor.dedup;

/**
 * Exact set resemblance of two sorted distinct shingle-hash arrays: how much of each is contained in the other.
 *
 * @param shared      shingles in both
 * @param containedA  shared / |a| (1 when a is empty)
 * @param containedB  shared / |b| (1 when b is empty)
 */
public record Resemblance(int shared, double containedA, double containedB) {

    public static Resemblance of(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return new Resemblance(shared, a.length == 0 ? 1 : (double) shared / a.length, b.length == 0 ? 1 : (double) shared / b.length);
    }

    /** Jaccard similarity |a∩b| / |a∪b|. */
    public double jaccard() {
        double sizeA = containedA == 0 ? 0 : shared / containedA;
        double sizeB = containedB == 0 ? 0 : shared / containedB;
        double union = sizeA + sizeB - shared;
        return union <= 0 ? 1 : shared / union;
    }

    /** The smaller of the two containments: both bodies must be mostly inside each other. */
    public double minContainment() {
        return Math.min(containedA, containedB);
    }

    public double maxContainment() {
        return Math.max(containedA, containedB);
    }
}

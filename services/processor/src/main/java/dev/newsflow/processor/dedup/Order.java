package dev.newsflow.processor.dedup;

/** The order "earliest article" means: fetch time, then article id (so ties break the same way everywhere). */
final class Order {
    private Order() {
    }

    static boolean before(long fetchedAtA, String idA, long fetchedAtB, String idB) {
        return fetchedAtA < fetchedAtB || fetchedAtA == fetchedAtB && idA.compareTo(idB) < 0;
    }
}

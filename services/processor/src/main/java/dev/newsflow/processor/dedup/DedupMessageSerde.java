package dev.newsflow.processor.dedup;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde of {@link DedupMessage} for the dedup repartition topics (version byte, type byte, fields). */
final class DedupMessageSerde implements Serde<DedupMessage> {
    private static final int VERSION = 1;

    @Override
    public Serializer<DedupMessage> serializer() {
        return (topic, m) -> m == null ? null : encode(m);
    }

    @Override
    public Deserializer<DedupMessage> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (RuntimeException e) {
                throw new SerializationException("undecodable dedup message on " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    static byte[] encode(DedupMessage m) {
        Bin.Out o = new Bin.Out(sizeHint(m)).u8(VERSION);
        if (m instanceof DedupMessage.Probe p) {
            o.u8(p.indexOnly() ? 9 : 1).str(p.articleId()).i64(p.simhash()).varlong(p.fetchedAt()).varlong(p.table()).sortedInts(p.anchors()).bytes(p.shingles())
                    .str(p.host()).str(p.path());
        } else if (m instanceof DedupMessage.Register r) {
            o.u8(2).str(r.articleId()).varlong(r.fetchedAt()).bytes(r.shingles()).str(r.host()).str(r.path());
        } else if (m instanceof DedupMessage.Confirm c) {
            o.u8(3).str(c.storedId()).varlong(c.storedFetchedAt()).str(c.probeId()).varlong(c.probeFetchedAt()).varlong(c.distance())
                    .bytes(c.probeShingles()).str(c.probeHost()).str(c.probePath());
        } else if (m instanceof DedupMessage.TableDone t) {
            o.u8(4).str(t.articleId()).varlong(t.table()).varlong(t.confirms());
        } else if (m instanceof DedupMessage.Verdict v) {
            o.u8(5).str(v.subjectId()).str(v.candidateId()).varlong(v.candidateFetchedAt()).varlong(v.distance()).bool(v.confirmed())
                    .bool(v.counted());
        } else if (m instanceof DedupMessage.MirrorEvidence e) {
            o.u8(8).str(e.hostA()).str(e.hostB()).str(e.path());
        } else if (m instanceof DedupMessage.NewStory n) {
            facts(o.u8(6).bytes(n.article()), n.facts()).str(n.url()).str(n.preferredUrl()).bool(n.onPrimaryHost()).varlong(n.tables());
        } else if (m instanceof DedupMessage.Copy c) {
            facts(o.u8(7).str(c.articleId()).bytes(c.article()), c.facts()).str(c.url()).str(c.preferredUrl()).bool(c.onPrimaryHost()).varlong(c.revision())
                    .str(c.previousHash());
        } else {
            throw new IllegalArgumentException("unknown message " + m.getClass());
        }
        return o.toBytes();
    }

    private static int sizeHint(DedupMessage m) {
        if (m instanceof DedupMessage.NewStory n) {
            return n.article().length + 512;
        } else if (m instanceof DedupMessage.Copy c) {
            return c.article().length + 512;
        } else if (m instanceof DedupMessage.Probe p) {
            return p.shingles().length + 256;
        } else if (m instanceof DedupMessage.Register r) {
            return r.shingles().length + 256;
        } else if (m instanceof DedupMessage.Confirm c) {
            return c.probeShingles().length + 256;
        }
        return 128;
    }

    private static Bin.Out facts(Bin.Out o, DedupMessage.Facts f) {
        return o.str(f.storyKey()).str(f.host()).str(f.contentHash()).i64(f.simhash()).varlong(f.fetchedAt());
    }

    private static DedupMessage.Facts facts(Bin.In in) {
        return new DedupMessage.Facts(in.str(), in.str(), in.str(), in.i64(), in.varlong());
    }

    static DedupMessage decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown version " + version);
        }
        int type = in.u8();
        return switch (type) {
            case 1, 9 -> new DedupMessage.Probe(in.str(), in.i64(), in.varlong(), in.varint(), in.sortedInts(), in.bytes(), in.str(), in.str(),
                    type == 9);
            case 2 -> new DedupMessage.Register(in.str(), in.varlong(), in.bytes(), in.str(), in.str());
            case 3 -> new DedupMessage.Confirm(in.str(), in.varlong(), in.str(), in.varlong(), in.varint(), in.bytes(), in.str(),
                    in.str());
            case 4 -> new DedupMessage.TableDone(in.str(), in.varint(), in.varint());
            case 5 -> new DedupMessage.Verdict(in.str(), in.str(), in.varlong(), in.varint(), in.bool(), in.bool());
            case 8 -> new DedupMessage.MirrorEvidence(in.str(), in.str(), in.str());
            case 6 -> new DedupMessage.NewStory(in.bytes(), facts(in), in.str(), in.str(), in.bool(), in.varint());
            case 7 -> new DedupMessage.Copy(in.str(), in.bytes(), facts(in), in.str(), in.str(), in.bool(), in.varint(), in.str());
            default -> throw new IllegalArgumentException("unknown message type " + type);
        };
    }
}

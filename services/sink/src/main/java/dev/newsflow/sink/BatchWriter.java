package dev.newsflow.sink;

import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.JdbcStore;
import dev.newsflow.sink.store.SightingRow;
import dev.newsflow.sink.store.Tally;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one poll batch in one transaction. When the database rejects a record of the batch (poison), the
 * whole transaction is rolled back and the batch is written again record by record, each under a savepoint,
 * so the bad records are isolated and every good one is still written in the same single commit. Failures
 * that are not a record's fault are thrown as {@link SQLException} after rolling back, for the caller to retry.
 */
public final class BatchWriter {
    private final JdbcStore store;

    public BatchWriter(JdbcStore store) {
        this.store = store;
    }

    /** A row to write, with the caller's handle to find its original record again. */
    public record Item<H>(H handle, Object row) {
        public Item {
            if (!(row instanceof ArticleRow) && !(row instanceof SightingRow)) {
                throw new IllegalArgumentException("row must be an ArticleRow or a SightingRow");
            }
        }
    }

    /** A row the database refused, with the reason class and the error. */
    public record Rejected<H>(H handle, String reason, SQLException error) {
    }

    /** What one committed batch did. */
    public record Result<H>(Tally tally, List<Rejected<H>> rejected, boolean isolated) {
    }

    public <H> Result<H> write(List<Item<H>> items, Instant now) throws SQLException {
        if (items.isEmpty()) {
            return new Result<>(new Tally(), List.of(), false);
        }
        try {
            store.begin();
            Tally tally = new Tally();
            List<ArticleRow> articles = new ArrayList<>();
            for (Item<H> item : items) {
                if (item.row() instanceof ArticleRow a) {
                    articles.add(a);
                } else {
                    writeOne(item, now, tally);
                }
            }
            store.writeAll(articles, now, tally);
            store.flush(now, tally);
            store.commit();
            return new Result<>(tally, List.of(), false);
        } catch (SQLException e) {
            store.rollbackQuietly();
            if (store.poisonReason(e) == null) {
                throw e;
            }
        }
        return isolate(items, now);
    }

    private <H> Result<H> isolate(List<Item<H>> items, Instant now) throws SQLException {
        Tally total = new Tally();
        List<Rejected<H>> rejected = new ArrayList<>();
        try {
            store.begin();
            for (Item<H> item : items) {
                Savepoint sp = store.savepoint();
                Tally one = new Tally();
                try {
                    writeOne(item, now, one);
                    store.flush(now, one);
                    store.release(sp);
                    total.addAll(one);
                } catch (SQLException e) {
                    String reason = store.poisonReason(e);
                    if (reason == null) {
                        throw e;
                    }
                    store.rollbackTo(sp);
                    rejected.add(new Rejected<>(item.handle(), reason, e));
                }
            }
            store.commit();
            return new Result<>(total, rejected, true);
        } catch (SQLException e) {
            store.rollbackQuietly();
            throw e;
        }
    }

    private void writeOne(Item<?> item, Instant now, Tally tally) throws SQLException {
        if (item.row() instanceof ArticleRow a) {
            store.write(a, now, tally);
        } else {
            store.write((SightingRow) item.row(), now, tally);
        }
    }
}

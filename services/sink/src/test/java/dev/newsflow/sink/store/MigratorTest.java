package dev.newsflow.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    private static final Migration V1 = new Migration(1, "first", "CREATE TABLE a (x INTEGER);");
    private static final Migration V2 = new Migration(2, "second", "CREATE TABLE b (y TEXT); INSERT INTO b VALUES ('v2;');");

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        return SqliteStore.open("jdbc:sqlite:" + dir.resolve("m.db"));
    }

    private static List<String> versions(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void shouldApplyPendingMigrationsInOrderAndOnlyOnce() throws SQLException {
        try (Connection c = open()) {
            assertThat(new Migrator(List.of(V1)).migrate(c, x -> { })).containsExactly(1);
            assertThat(new Migrator(List.of(V2, V1)).migrate(c, x -> { })).containsExactly(2);
            assertThat(new Migrator(List.of(V1, V2)).migrate(c, x -> { })).isEmpty();
            assertThat(versions(c)).containsExactly("1:first", "2:second");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT y FROM b")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("v2;");
            }
        }
    }

    @Test
    void shouldRefuseAMigrationEditedAfterItWasApplied() throws SQLException {
        try (Connection c = open()) {
            new Migrator(List.of(V1)).migrate(c, x -> { });
            Migration edited = new Migration(1, "first", "CREATE TABLE a (x INTEGER, z INTEGER);");
            assertThatThrownBy(() -> new Migrator(List.of(edited, V2)).migrate(c, x -> { }))
                    .hasMessageContaining("V1__first was changed after it was applied");
            assertThat(versions(c)).containsExactly("1:first");
        }
    }

    @Test
    void shouldRefuseADatabaseNewerThanTheCode() throws SQLException {
        try (Connection c = open()) {
            new Migrator(List.of(V1, V2)).migrate(c, x -> { });
            assertThatThrownBy(() -> new Migrator(List.of(V1)).migrate(c, x -> { }))
                    .hasMessageContaining("schema is at version 2 but this sink only knows versions up to 1");
        }
    }

    @Test
    void shouldRollBackAFailedMigrationCompletely() throws SQLException {
        Migration broken = new Migration(2, "broken", "CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);");
        try (Connection c = open()) {
            assertThatThrownBy(() -> new Migrator(List.of(V1, broken)).migrate(c, x -> { }))
                    .hasMessageContaining("V2__broken failed");
            assertThat(c.getMetaData().getTables(null, null, "a", null).next()).isFalse();
        }
    }

    @Test
    void shouldRejectGapsInVersions() {
        assertThatThrownBy(() -> new Migrator(List.of(V2))).hasMessageContaining("without gaps");
    }

    @Test
    void shouldFindTheShippedMigrationsOfBothDatabases() {
        assertThat(Migrations.load("sqlite")).extracting(Migration::version).startsWith(1, 2);
        assertThat(Migrations.load("postgres")).extracting(Migration::version).startsWith(1, 2);
        assertThat(Migrations.load("sqlite")).extracting(Migration::name)
                .isEqualTo(Migrations.load("postgres").stream().map(Migration::name).toList());
    }

    @Test
    void shouldParseMigrationFileNames() {
        assertThat(Migration.fromFile("V12__add_places.sql", "x")).isEqualTo(new Migration(12, "add_places", "x"));
        assertThat(Migration.fromFile("README.md", "x")).isNull();
        assertThat(Migration.fromFile("V1_missing_underscore.sql", "x")).isNull();
    }
}

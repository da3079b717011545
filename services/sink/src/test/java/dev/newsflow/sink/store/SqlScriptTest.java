package dev.newsflow.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void shouldSplitAtTopLevelSemicolons() {
        assertThat(SqlScript.split("CREATE TABLE a (x INT);\n-- a comment; with a semicolon\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }

    @Test
    void shouldKeepTriggerBodiesWhole() {
        String trigger = """
                CREATE TRIGGER t AFTER UPDATE ON a BEGIN
                    INSERT INTO b VALUES (old.x);
                    INSERT INTO b SELECT CASE WHEN new.x > 0 THEN 1 ELSE 0 END;
                END""";
        assertThat(SqlScript.split(trigger + ";\nSELECT 1;")).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void shouldIgnoreSemicolonsInQuotesCommentsAndDollarQuotes() {
        assertThat(SqlScript.split("INSERT INTO a VALUES ('x;y', 'it''s;'); /* c; */ SELECT \"we;ird\";"
                        + "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;"))
                .containsExactly("INSERT INTO a VALUES ('x;y', 'it''s;')", "SELECT \"we;ird\"",
                        "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql");
    }

    @Test
    void shouldNotTreatWordsContainingBeginAsBlocks() {
        assertThat(SqlScript.split("CREATE TABLE x (begin_at TEXT, ending TEXT); SELECT 2;"))
                .containsExactly("CREATE TABLE x (begin_at TEXT, ending TEXT)", "SELECT 2");
    }
}

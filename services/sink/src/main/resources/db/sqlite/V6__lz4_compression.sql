-- PostgreSQL only (lz4 for the large TOASTed values of articles): SQLite stores values uncompressed. This file
-- keeps both folders listing the same migrations; it changes nothing.

SELECT 1;

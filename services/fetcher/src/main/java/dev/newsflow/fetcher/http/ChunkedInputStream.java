package dev.newsflow.fetcher.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Decodes HTTP/1.1 chunked transfer coding; trailers are read and ignored. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean eof;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        if (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                while (!readLine().isEmpty()) {
                    // skip trailers
                }
                eof = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "connection closed inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            readLine();
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = readLine();
        int semi = line.indexOf(';');
        String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "bad chunk size line");
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > 4096) {
                throw new FetchFailure(Outcome.PROTOCOL_ERROR, "chunk header line too long");
            }
        }
        if (c < 0 && sb.length() == 0) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "connection closed inside chunked body");
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}

package dev.newsflow.fetcher.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Enforces both the read timeout (silence) and the total deadline on every read, so a server that sends
 * one byte per second cannot hold a worker past the total timeout.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final long deadlineNanos;
    private final int readTimeoutMillis;

    DeadlineInputStream(InputStream in, Socket socket, long deadlineNanos, int readTimeoutMillis) {
        super(in);
        this.socket = socket;
        this.deadlineNanos = deadlineNanos;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    private void arm() throws IOException {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0) {
            throw new FetchFailure(Outcome.TIMEOUT, "total timeout exceeded");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(readTimeoutMillis, remainingMillis)));
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return super.read();
        } catch (SocketTimeoutException e) {
            throw timeout(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        try {
            return super.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timeout(e);
        }
    }

    private FetchFailure timeout(SocketTimeoutException e) {
        boolean total = System.nanoTime() >= deadlineNanos;
        return new FetchFailure(Outcome.TIMEOUT, total ? "total timeout exceeded" : "read timeout exceeded", e);
    }
}

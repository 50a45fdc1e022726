package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that must arrive by a deadline: a read that returns data after it fails, so that
 * a body trickled in byte by byte is cut however short each single read is. Tells that failure
 * ({@link #deadlinePassed()}) and a failure of the connection itself ({@link #readFailed()}) from
 * whatever its reader makes of them.
 */
final class BodyDeadlineStream extends InputStream {

    private final InputStream in;
    private final long deadline;
    private boolean deadlinePassed;
    private boolean readFailed;

    BodyDeadlineStream(InputStream in, long deadlineNanos) {
        this.in = in;
        this.deadline = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            readFailed = true;
            throw e;
        }
        if (n >= 0 && System.nanoTime() - deadline > 0) {
            deadlinePassed = true;
            throw new IOException("The request body did not arrive by its deadline");
        }
        return n;
    }

    /** Reads what is left of the body and drops it. */
    void drain() throws IOException {
        byte[] chunk = new byte[8192];
        while (read(chunk, 0, chunk.length) >= 0) {
            // dropped
        }
    }

    boolean deadlinePassed() {
        return deadlinePassed;
    }

    /** A read of the connection failed: it waited past connectionUploadTimeout, or the client left. */
    boolean readFailed() {
        return readFailed;
    }
}

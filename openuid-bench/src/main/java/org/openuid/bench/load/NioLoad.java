package org.openuid.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The load engine: N keep-alive HTTP/1.1 connections on one thread and one selector, each carrying one request at a
 * time (no pipelining). Requests are ready-made byte buffers, so the driver spends its time on the network, not on
 * building requests.
 *
 * <p>Two modes. <b>Closed loop</b> (rate 0): every connection sends its next request as soon as the previous answer
 * is in; this finds the saturation throughput. <b>Fixed rate</b>: requests are due at {@code rate} per second from
 * the start; a due request goes out on an idle connection, or waits for one, and its latency is counted from when
 * it was due, so waiting behind a slow answer is part of the latency (no coordinated omission). A second histogram
 * counts from when the request was actually written, which leaves out the driver's own delays (on a shared machine
 * the driver, too, waits for its core).
 *
 * <p>Only answers completed inside the measurement window (after the warm-up) are counted, and the window's
 * boundaries are reported to a listener so that the server's CPU time is read at the same instants. A fixed-rate run
 * also keeps each measured request's due, sent and answered instants ({@link Timeline}) for the tail analysis. The
 * warm-up records exactly as the window does and is forgotten when the window opens: a driver whose loop took a new
 * branch at that moment had its compiled loop thrown away and spent the window's first second recompiling it, on
 * its own core, which the tail analysis then counted as the driver waiting for its core.
 *
 * <p>By default the driver <b>spins</b>: it polls its selector and never sleeps in it. Over loopback, the kernel
 * delivers an answer into the driver's socket on the server's CPU, and when the driver's thread is asleep that
 * delivery also wakes it, which in a virtual machine means an interrupt to the other (idle) core: a perf profile of
 * the server showed that wake-up ({@code sock_def_readable}) at 13 % of the server's samples in a generate run where
 * the driver idled between answers, against 2 % in the bare exchange, where the driver never idles. A server answering
 * remote clients through a network card pays nothing of the kind, and a sleeping driver would charge the slower
 * scenarios more of it, so spinning keeps the client's wake-ups out of the server's CPU time and out of the latency
 * (the instant an answer is read no longer includes the driver's own wake-up). {@code --driver-wait block} restores
 * the sleeping driver.
 */
final class NioLoad {
    /** What happened in the measurement window. */
    record Outcome(double warmupSeconds, double seconds, long responses, TreeMap<Integer, Long> statuses, long errors,
                   Histogram latencyNanos, Histogram serviceNanos, String firstError, Timeline timeline) {
        long non200() {
            long n = 0;
            for (var e : statuses.entrySet()) if (e.getKey() != 200) n += e.getValue();
            return n;
        }
    }

    /** Called on the driver thread when the measurement window opens and closes. */
    interface WindowListener {
        /** The warm-up begins. */
        default void warming() {
        }

        /**
         * Asked every quarter of a second from one second before the warm-up is due to end until it answers true:
         * while it answers false the warm-up goes on, up to the longest extension the run allows.
         */
        default boolean settled() {
            return true;
        }

        /** The measurement window opens: what was recorded in the warm-up is forgotten. */
        void opened();

        void closed();
    }

    private static final int READ_BUFFER = 256 * 1024;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SETTLE_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long SETTLE_LOOKBACK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress address;
    private final int connections;
    private final Supplier<ByteBuffer> requests;
    private final boolean spin;

    /**
     * @param spin poll the selector without ever sleeping ({@code selectNow}) instead of waiting in it: the driver
     *             keeps its core, so that the server's answer never has to wake it (see the class documentation)
     */
    NioLoad(InetSocketAddress address, int connections, Supplier<ByteBuffer> requests, boolean spin) {
        this.address = address;
        this.connections = connections;
        this.requests = requests;
        this.spin = spin;
    }

    private static final class Conn {
        SocketChannel channel;
        SelectionKey key;
        final ResponseParser parser = new ResponseParser(false);
        ByteBuffer out;
        long startedAt;
        long sentAt;
        boolean busy;
    }

    /**
     * @param settleNanos how much longer than {@code warmupNanos} the warm-up may last while the listener says the
     *                    server has not {@linkplain WindowListener#settled() settled}
     */
    Outcome run(long warmupNanos, long settleNanos, long measureNanos, double rate, WindowListener listener)
            throws IOException {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        Histogram service = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        TreeMap<Integer, Long> statuses = new TreeMap<>();
        long errors = 0;
        String firstError = null;
        long responses = 0;
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        LongRing backlog = new LongRing();
        Timeline timeline = rate > 0 ? new Timeline() : null;
        try (Selector selector = Selector.open()) {
            Conn[] conns = new Conn[connections];
            for (int i = 0; i < connections; i++) {
                conns[i] = new Conn();
                connect(conns[i], selector);
                idle.add(conns[i]);
            }
            listener.warming();
            long start = System.nanoTime();
            long windowOpen = start + warmupNanos;
            long windowClose = windowOpen + measureNanos;
            long settleBy = windowOpen + settleNanos;
            boolean settled = settleNanos <= 0;
            long nextCheck = windowOpen - SETTLE_LOOKBACK_NANOS;
            long openedAt = 0;
            long closedAt = 0;
            boolean measuring = false;
            boolean finished = false;
            double interval = rate > 0 ? 1e9 / rate : 0;
            long issued = 0;
            if (rate <= 0) {
                while (!idle.isEmpty()) send(idle.poll(), requests.get(), System.nanoTime());
            }
            while (true) {
                long now = System.nanoTime();
                if (!settled && now >= nextCheck) {
                    settled = listener.settled() || now >= settleBy;
                    nextCheck = now + SETTLE_STEP_NANOS;
                    if (!settled && now >= windowOpen) {
                        windowOpen = nextCheck;
                        windowClose = windowOpen + measureNanos;
                    }
                }
                if (!measuring && !finished && settled && now >= windowOpen) {
                    measuring = true;
                    openedAt = now;
                    listener.opened();
                    responses = 0;
                    statuses.clear();
                    latency.reset();
                    service.reset();
                    if (timeline != null) {
                        timeline.clear();
                        timeline.windowOpen = now;
                    }
                }
                if (measuring && now >= windowClose) {
                    measuring = false;
                    finished = true;
                    closedAt = now;
                    listener.closed();
                    if (timeline != null) timeline.windowClose = now;
                }
                if (finished) {
                    boolean anyBusy = false;
                    for (Conn c : conns) anyBusy |= c.busy;
                    if (!anyBusy || now - closedAt > DRAIN_NANOS) break;
                }
                long timeoutMs = 100;
                if (rate > 0 && !finished) {
                    long due;
                    while ((due = start + (long) (issued * interval)) <= now) {
                        issued++;
                        Conn c = idle.poll();
                        if (c != null) send(c, requests.get(), due);
                        else backlog.add(due);
                    }
                    timeoutMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now));
                }
                if (spin) selector.selectNow();
                else selector.select(timeoutMs);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
                        }
                        if (!key.isValid() || !key.isReadable()) continue;
                        readBuffer.clear();
                        int n = c.channel.read(readBuffer);
                        if (n < 0) throw new IOException("connection closed by the server");
                        readBuffer.flip();
                        if (!c.parser.feed(readBuffer)) continue;
                        if (readBuffer.hasRemaining()) throw new IOException("bytes after the response");
                        long done = System.nanoTime();
                        if (!finished) { // the warm-up too, forgotten when the window opens
                            responses++;
                            statuses.merge(c.parser.status(), 1L, Long::sum);
                            latency.recordValue(Math.min(done - c.startedAt, latency.getHighestTrackableValue()));
                            service.recordValue(Math.min(done - c.sentAt, service.getHighestTrackableValue()));
                            if (timeline != null) timeline.add(c.startedAt, c.sentAt, done);
                        }
                        boolean closes = c.parser.closes();
                        c.parser.reset();
                        c.busy = false;
                        if (closes) reconnect(c, selector);
                        if (finished) continue;
                        if (rate <= 0) send(c, requests.get(), done);
                        else if (!backlog.isEmpty()) send(c, requests.get(), backlog.poll());
                        else idle.add(c);
                    } catch (IOException | ResponseParser.ProtocolException e) {
                        if (measuring) errors++;
                        if (firstError == null) firstError = e.getMessage();
                        c.busy = false;
                        c.parser.reset();
                        reconnect(c, selector);
                        if (!finished) {
                            if (rate <= 0) send(c, requests.get(), System.nanoTime());
                            else idle.add(c);
                        }
                    }
                }
            }
            for (Conn c : conns) close(c);
            double seconds = (closedAt - openedAt) / 1e9;
            return new Outcome((openedAt - start) / 1e9, seconds, responses, statuses, errors, latency, service,
                    firstError, timeline);
        }
    }

    private void send(Conn c, ByteBuffer request, long startedAt) throws IOException {
        c.out = request;
        c.startedAt = startedAt;
        c.sentAt = System.nanoTime();
        c.busy = true;
        c.channel.write(request);
        c.key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
    }

    private void connect(Conn c, Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(address);
        ch.configureBlocking(false);
        c.channel = ch;
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
    }

    private void reconnect(Conn c, Selector selector) throws IOException {
        close(c);
        connect(c, selector);
    }

    private static void close(Conn c) {
        try {
            if (c.key != null) c.key.cancel();
            if (c.channel != null) c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A growable FIFO of primitive longs (due times waiting for a free connection). */
    private static final class LongRing {
        private long[] items = new long[1024];
        private int head;
        private int size;

        boolean isEmpty() { return size == 0; }

        void add(long v) {
            if (size == items.length) {
                long[] bigger = new long[items.length * 2];
                for (int i = 0; i < size; i++) bigger[i] = items[(head + i) % items.length];
                items = bigger;
                head = 0;
            }
            items[(head + size++) % items.length] = v;
        }

        long poll() {
            long v = items[head];
            head = (head + 1) % items.length;
            size--;
            return v;
        }
    }
}

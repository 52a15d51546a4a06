package org.openuid.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCpuTest {
    @Test
    void parsesUserAndSystemTicksWhateverTheCommandName() {
        String stat = "4242 (vert.x (loop) 1) S 1 4242 4242 0 -1 4194560 1234 0 0 0 350 150 0 0 20 0 30 0 123 0 0";
        assertThat(ProcessCpu.parse(stat)).isEqualTo(5.0);
        assertThat(ProcessCpu.ticks(stat)).containsExactly(350, 150);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsItsOwnProcess() {
        ProcessCpu own = new ProcessCpu(ProcessHandle.current().pid());
        long spin = System.nanoTime() + 200_000_000L;
        long sink = 0;
        while (System.nanoTime() < spin) sink += System.nanoTime() & 1;
        assertThat(own.seconds()).isGreaterThan(0.0);
        Map<String, double[]> threads = own.threads();
        assertThat(threads).isNotEmpty();
        assertThat(ProcessCpu.difference(threads, threads).values()).allSatisfy(v -> assertThat(v).containsExactly(0.0, 0.0));
        assertThat(sink).isGreaterThanOrEqualTo(0);
        assertThat(new ProcessCpu(Long.MAX_VALUE).seconds()).isNaN();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheRunQueueWaitOfItsOwnThreads() {
        Map<String, double[]> waits = new ProcessCpu(ProcessHandle.current().pid()).waits();
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/schedstat"))) return;
        assertThat(waits).isNotEmpty();
        assertThat(waits.values()).allSatisfy(v -> { assertThat(v).hasSize(2); assertThat(v[0]).isNotNegative(); assertThat(v[1]).isNotNegative(); });
        assertThat(new ProcessCpu(Long.MAX_VALUE).waits()).isEmpty();
    }
}

package dev.unstacker.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the process's resident memory from {@code /proc/self/status}; Linux only. */
public final class ResidentMemory {

    private ResidentMemory() {}

    /** Returns the current resident set size in MiB, or -1 where {@code /proc} is missing. */
    public static double currentMib() {
        return read("VmRSS:");
    }

    /** Returns the peak resident set size in MiB, or -1 where {@code /proc} is missing. */
    public static double peakMib() {
        return read("VmHWM:");
    }

    private static double read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String kilobytes = line.substring(key.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

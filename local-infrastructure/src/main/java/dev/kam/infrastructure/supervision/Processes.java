package dev.kam.infrastructure.supervision;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the supervisor asks of the operating system (Linux's /proc, signals) and of the files its processes write. */
final class Processes {

    /**
     * A live process: one of its threads still runs. A killed one may linger as a zombie until its parent reaps it,
     * which an orphan's parent may never do, so the state in /proc decides, not only whether the pid exists; and it is
     * every thread's state, not the pid's alone: a process's first thread can end before the others (a JVM's does when
     * it is stopped or killed while other threads are still writing or closing), and /proc then shows the pid as a
     * zombie while the process still holds its ports and files until its last thread ends. A broker started again in
     * that moment found its port or its log directory taken and ended ("could not start").
     */
    static boolean alive(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.anyMatch(thread -> running(thread.resolve("stat")));
        } catch (IOException | UncheckedIOException gone) {
            return false;
        }
    }

    private static boolean running(Path stat) {
        try {
            String line = Files.readString(stat);
            // the state follows the command name in parentheses, which may itself hold ") "
            char state = line.substring(line.lastIndexOf(") ") + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The process's command line, its arguments joined by spaces; empty when it is gone or not ours to read. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /**
     * Sends {@code signal} (TERM, KILL, INT, QUIT) to {@code pid}. Through the shell's own {@code kill}: Java sends
     * only TERM and KILL, and PostgreSQL's fast and immediate shutdowns are INT and QUIT.
     */
    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("bash", "-c", "kill -s \"$0\" \"$1\" 2>/dev/null", signal, String.valueOf(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new KamException("could not signal process " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits while {@code pid} lives, at most {@code millis}; whether it is gone. */
    static boolean awaitExit(long pid, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Whether something listens on {@code port} of the loopback address. */
    static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    /** The last {@code count} lines of a log (read from its end: a service's log grows large). */
    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            long start = Math.max(0, length - 512 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            log.seek(start);
            log.readFully(bytes);
            List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // begun mid-line
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    private Processes() {
    }
}

package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Every thread of this JVM, virtual ones included, as the JDK's own thread dump (Java 21+,
 * {@code HotSpotDiagnosticMXBean.dumpThreads}; {@code Thread.getAllStackTraces()} sees platform
 * threads only). Read through reflection, since the tests compile for Java 17.
 */
public final class ThreadDump {

    /** One thread of the dump: its name, whether it is virtual, its stack frames ("class.method(...)"). */
    public record DumpedThread(String name, boolean virtual, List<String> frames) {

        /** The class of each frame, innermost first. */
        public List<String> classNames() {
            List<String> names = new ArrayList<>();
            for (String frame : frames) {
                String at = frame.substring(frame.indexOf('/') + 1);
                int call = at.indexOf('(');
                String method = call < 0 ? at : at.substring(0, call);
                names.add(method.contains(".") ? method.substring(0, method.lastIndexOf('.')) : method);
            }
            return names;
        }

        /** Whether a frame of the stack is in a class whose name starts with {@code classPrefix}. */
        public boolean runs(String classPrefix) {
            return classNames().stream().anyMatch(name -> name.startsWith(classPrefix));
        }
    }

    private static final Pattern HEADER = Pattern.compile("^#\\d+ \"(.*)\"( virtual)? .*$");

    private ThreadDump() {
    }

    /** The threads alive now. */
    public static List<DumpedThread> now() {
        Path file = null;
        try {
            file = Files.createTempFile("threads", ".txt");
            Files.delete(file);
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format)
                    .invoke(diagnostics, file.toString(), plainText(format));
            return parse(Files.readAllLines(file));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException
                 | IOException e) {
            throw new IllegalStateException("No thread dump on Java " + Runtime.version().feature(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object plainText(Class<?> format) {
        return Enum.valueOf((Class) format, "TEXT_PLAIN");
    }

    private static List<DumpedThread> parse(List<String> lines) {
        List<DumpedThread> threads = new ArrayList<>();
        String name = null;
        boolean virtual = false;
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (name != null) {
                    threads.add(new DumpedThread(name, virtual, List.copyOf(frames)));
                }
                name = header.group(1);
                virtual = header.group(2) != null;
                frames.clear();
            } else if (name != null && line.strip().startsWith("at ")) {
                frames.add(line.strip().substring(3));
            }
        }
        if (name != null) {
            threads.add(new DumpedThread(name, virtual, List.copyOf(frames)));
        }
        return threads;
    }
}

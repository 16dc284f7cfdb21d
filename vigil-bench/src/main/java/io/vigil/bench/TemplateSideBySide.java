package io.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two builds of {@link TemplateBenchmark} side by side in one JVM — each from its own benchmarks jar and class loader —
 * timed in alternating rounds (ABBA order), so a busy machine slows both alike; prints each one's CPU time per reading
 * (the worker thread's, medians over the rounds) and the per-round ratio. For comparing a change with the code before
 * it when no quiet machine is at hand:
 * <pre>
 * java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.TemplateSideBySide /tmp/old-benchmarks.jar vigil-bench/target/benchmarks.jar 16
 * </pre>
 * The first half as many rounds again run first as warm-up. Not a JMH benchmark: no fork, no blackhole beyond a
 * volatile sink; use it for ratios, and JMH for absolute figures.
 */
public final class TemplateSideBySide {
    static volatile Object sink;

    private TemplateSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        String[] names = {"first", "second"};
        Object[] benches = new Object[2];
        Method[] ops = new Method[2];
        for (int i = 0; i < 2; i++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass("io.vigil.bench.TemplateBenchmark");
            benches[i] = c.getConstructor().newInstance();
            c.getMethod("compileTheShippedTemplate").invoke(benches[i]);
            ops[i] = c.getMethod("withingsGetmeas");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int rounds = Integer.parseInt(args[2]);
        int batch = 20_000;
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = -rounds / 2; r < rounds; r++) { // the first half of the rounds are warm-up
            for (int k = 0; k < 2; k++) {
                int i = (r & 1) == 0 ? k : 1 - k;
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                for (int n = 0; n < batch; n++) {
                    sink = ops[i].invoke(benches[i]);
                }
                long c1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
                if (r >= 0) {
                    cpu.get(i).add((c1 - c0) / (batch * 2.0)); // 2 readings per payload
                    wall.get(i).add((w1 - w0) / (batch * 2.0));
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            List<Double> c = new ArrayList<>(cpu.get(i)); Collections.sort(c);
            List<Double> w = new ArrayList<>(wall.get(i)); Collections.sort(w);
            System.out.printf("%s: CPU ns/reading median %.0f (min %.0f, max %.0f); wall median %.0f (min %.0f) over %d rounds%n",
                    names[i], c.get(c.size() / 2), c.get(0), c.get(c.size() - 1), w.get(w.size() / 2), w.get(0), c.size());
        }
        List<Double> ratio = new ArrayList<>();
        for (int n = 0; n < cpu.get(0).size(); n++) ratio.add(cpu.get(0).get(n) / cpu.get(1).get(n));
        Collections.sort(ratio);
        System.out.printf("first/second CPU ratio per round: median %.2f (min %.2f, max %.2f)%n", ratio.get(ratio.size() / 2), ratio.get(0), ratio.get(ratio.size() - 1));
    }
}

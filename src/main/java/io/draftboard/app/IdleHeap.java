package io.draftboard.app;

import java.util.List;

/**
 * Lets a studio started from the plain jar give memory back once it goes idle, as the packaged launcher's
 * flags do ({@code -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30}): a jar cannot pass JVM flags, and on the default
 * G1 a heap grown while history scrolled (thumbnails decoded by the thousand) stays committed for good, since
 * G1 shrinks only after a marking cycle and an idle studio starts none. G1's few manageable flags can be set
 * from inside, though: after {@value #IDLE_MILLIS} ms without a collection G1 runs one concurrent cycle
 * (JEP 346), and its remark shrinks the heap to at most 30 % free, as the launcher's heap keeps.
 *
 * <p>Only flags left at their defaults are set, so a flag on the command line wins; nothing happens on other
 * collectors, or where {@code jdk.management} is not in the runtime (the packaged one leaves it out).
 */
public final class IdleHeap {
    /** Idle time before G1's periodic cycle: long enough that a designer at work never triggers it. */
    static final long IDLE_MILLIS = 10_000;

    private IdleHeap() {
    }

    /** Sets what it can; returns the flags it set, as "name=value" (empty when nothing applied). */
    public static List<String> install() {
        if (ModuleLayer.boot().findModule("jdk.management").isEmpty()) {
            return List.of();
        }
        try {
            return Flags.set();
        } catch (RuntimeException | LinkageError e) { // a VM without these flags: the heap stays as it is
            return List.of();
        }
    }

    /** Separate, so its management types load only once the module is known to be there. */
    private static final class Flags {
        static List<String> set() {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!"true".equals(vm.getVMOption("UseG1GC").getValue())) {
                return List.of();
            }
            List<String> set = new java.util.ArrayList<>();
            // Min before Max: each must stay on its side of the other as they change.
            for (String[] flag : new String[][] {{"MinHeapFreeRatio", "10"}, {"MaxHeapFreeRatio", "30"},
                {"G1PeriodicGCInterval", Long.toString(IDLE_MILLIS)}}) {
                if (vm.getVMOption(flag[0]).getOrigin() == com.sun.management.VMOption.Origin.DEFAULT) {
                    vm.setVMOption(flag[0], flag[1]);
                    set.add(flag[0] + "=" + flag[1]);
                }
            }
            return List.copyOf(set);
        }
    }
}

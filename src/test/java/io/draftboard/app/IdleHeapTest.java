package io.draftboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class IdleHeapTest {
    private static final HotSpotDiagnosticMXBean VM =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void onG1TheIdleCycleAndTheFreeRatiosAreSetOnceAndAFlagSetElsewhereIsLeftAlone() {
        assumeTrue("true".equals(VM.getVMOption("UseG1GC").getValue()), "the test JVM runs G1");
        assumeTrue(VM.getVMOption("G1PeriodicGCInterval").getOrigin()
                == com.sun.management.VMOption.Origin.DEFAULT, "no earlier test set it");

        assertThat(IdleHeap.install()).containsExactly("MinHeapFreeRatio=10", "MaxHeapFreeRatio=30",
                "G1PeriodicGCInterval=10000");
        assertThat(VM.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("10000");
        assertThat(VM.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");

        // Now none is at its default, as with flags on the command line: nothing is set again.
        assertThat(IdleHeap.install()).isEmpty();
    }
}

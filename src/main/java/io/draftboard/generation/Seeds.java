package io.draftboard.generation;

import java.security.SecureRandom;

/**
 * Seeds are 64-bit (BFL returns seeds above 2^32), but kept non-negative and below 2^53 so they survive a
 * JSON round trip through any client (JavaScript numbers) and print the same everywhere.
 */
public final class Seeds {
    public static final long MAX = (1L << 53) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Seeds() {
    }

    public static long random() {
        return RANDOM.nextLong() & MAX;
    }
}

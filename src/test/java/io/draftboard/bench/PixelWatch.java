package io.draftboard.bench;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Watches a region of the X screen for the first visible change, as a designer's eye would: what
 * {@code src/test/xvfb/feel.sh} uses to time a keystroke to the preview. One JVM serves a whole run, so
 * each look costs one XGetImage of the region (a few ms), not a process start. It reads commands on stdin
 * and answers one line each on stdout:
 * <ul>
 *   <li>{@code region X Y W H}: watches another region from now on; answers {@code region}.</li>
 *   <li>{@code arm}: takes the region as it is now; answers {@code armed}.</li>
 *   <li>{@code change TIMEOUT_MS}: polls until the region differs from the armed picture in more than
 *       {@code minPixels} pixels; answers the epoch milliseconds of the first look that saw it, or {@code timeout}.</li>
 *   <li>{@code settle QUIET_MS TIMEOUT_MS}: waits until the region has not changed for QUIET_MS; answers
 *       {@code settled} and the epoch milliseconds of the last look that saw it change, or {@code timeout}.</li>
 * </ul>
 *
 * <pre>java -cp target/test-classes io.draftboard.bench.PixelWatch X Y W H [pollMs] [minPixels]</pre>
 */
public final class PixelWatch {
    private PixelWatch() {
    }

    public static void main(String[] args) throws Exception {
        Rectangle region = new Rectangle(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        long poll = args.length > 4 ? Long.parseLong(args[4]) : 5;
        int minPixels = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Robot robot = new Robot();
        int[] armed = grab(robot, region);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split("\\s+");
            switch (cmd[0]) {
                case "region" -> {
                    region = new Rectangle(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]),
                            Integer.parseInt(cmd[3]), Integer.parseInt(cmd[4]));
                    armed = grab(robot, region);
                    System.out.println("region");
                }
                case "arm" -> {
                    armed = grab(robot, region);
                    System.out.println("armed");
                }
                case "change" -> {
                    long deadline = System.currentTimeMillis() + Long.parseLong(cmd[1]);
                    String answer = "timeout";
                    while (System.currentTimeMillis() < deadline) {
                        long at = System.currentTimeMillis();
                        if (differing(armed, grab(robot, region)) > minPixels) {
                            answer = Long.toString(at);
                            break;
                        }
                        Thread.sleep(poll);
                    }
                    System.out.println(answer);
                }
                case "settle" -> {
                    long quiet = Long.parseLong(cmd[1]);
                    long deadline = System.currentTimeMillis() + Long.parseLong(cmd[2]);
                    int[] last = grab(robot, region);
                    long since = System.currentTimeMillis();
                    String answer = "timeout";
                    while (System.currentTimeMillis() < deadline) {
                        Thread.sleep(Math.max(poll, 20));
                        int[] now = grab(robot, region);
                        if (differing(last, now) > 0) {
                            last = now;
                            since = System.currentTimeMillis();
                        } else if (System.currentTimeMillis() - since >= quiet) {
                            answer = "settled " + since;
                            break;
                        }
                    }
                    System.out.println(answer);
                }
                case "quit" -> {
                    return;
                }
                default -> System.out.println("unknown " + Arrays.toString(cmd));
            }
            System.out.flush();
        }
    }

    private static int[] grab(Robot robot, Rectangle region) {
        BufferedImage image = robot.createScreenCapture(region);
        return image.getRGB(0, 0, region.width, region.height, null, 0, region.width);
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }
}

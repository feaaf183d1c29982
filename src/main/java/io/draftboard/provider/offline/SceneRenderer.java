package io.draftboard.provider.offline;

import io.draftboard.provider.offline.SceneSpec.Subject;
import io.draftboard.provider.offline.Vocabulary.Layout;
import io.draftboard.provider.offline.Vocabulary.Mood;
import io.draftboard.provider.offline.Vocabulary.Shape;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints the clean image a prompt describes, as a flat illustration: a mood-driven background, the
 * subjects in their colours placed by the layout words, reference images as a base layer and numbered
 * insets, and quoted text typeset on a contrasting plate. This is the sampler's target, the picture a
 * perfect denoiser would predict; the seed moves and varies everything.
 */
final class SceneRenderer {
    private final SceneSpec spec;
    private final int w;
    private final int h;
    private final SplittableRandom random;
    private final List<Color> colours = new ArrayList<>();
    private Color backgroundTop;
    private Color backgroundBottom;
    private int colourCursor;

    private SceneRenderer(SceneSpec spec, long seed, int w, int h) {
        this.spec = spec;
        this.w = w;
        this.h = h;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    static BufferedImage render(SceneSpec spec, long seed, int width, int height, List<BufferedImage> references) {
        return new SceneRenderer(spec, seed, width, height).paint(references);
    }

    private BufferedImage paint(List<BufferedImage> references) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);

        choosePalette();
        paintBackground(g);
        if (!references.isEmpty()) {
            paintBaseReference(g, references.get(0));
        }
        paintSubjects(g);
        paintUnknownWords(g);
        for (int i = 1; i < references.size(); i++) {
            paintInset(g, references.get(i), i, references.size() - 1);
        }
        if (spec.layouts().contains(Layout.BORDER)) {
            g.setColor(subjectColour(null));
            float t = Math.min(w, h) * 0.03f;
            g.setStroke(new BasicStroke(t));
            g.draw(new Rectangle2D.Float(t / 2, t / 2, w - t, h - t));
        }
        paintText(g);
        g.dispose();
        return image;
    }

    // ---- palette ----------------------------------------------------------------------------------

    private void choosePalette() {
        colours.addAll(spec.palette());
        for (Subject s : spec.subjects()) {
            if (s.colour() != null) {
                colours.add(s.colour());
            }
        }
        if (colours.isEmpty()) {
            float hue = (float) random.nextDouble();
            colours.add(Color.getHSBColor(hue, 0.72f, 0.86f));
            colours.add(Color.getHSBColor((hue + 0.42f) % 1f, 0.62f, 0.9f));
            colours.add(Color.getHSBColor((hue + 0.6f) % 1f, 0.5f, 0.75f));
        }
        Mood mood = spec.moods().stream().findFirst().orElse(null);
        if (mood == null) {
            // Unbound colours tint the background; otherwise a pale version of the scene's main hue.
            Color base = spec.palette().isEmpty() ? colours.get(0) : spec.palette().get(0);
            Color second = spec.palette().size() > 1 ? spec.palette().get(1) : rotateHue(base, 0.08f);
            boolean paletteLed = !spec.palette().isEmpty();
            backgroundTop = paletteLed ? mix(base, Color.WHITE, 0.15) : mix(base, Color.WHITE, 0.82);
            backgroundBottom = paletteLed ? mix(second, Color.BLACK, 0.15) : mix(second, Color.WHITE, 0.62);
            return;
        }
        switch (mood) {
            case NIGHT -> { backgroundTop = new Color(0x0B1026); backgroundBottom = new Color(0x2A2F6B); }
            case SUNSET -> { backgroundTop = new Color(0x3B2A6E); backgroundBottom = new Color(0xF47C48); }
            case DAWN -> { backgroundTop = new Color(0xB8B5E8); backgroundBottom = new Color(0xFAD0B8); }
            case BRIGHT -> { backgroundTop = new Color(0x7CC6F5); backgroundBottom = new Color(0xE6F6FF); }
            case WARM -> { backgroundTop = new Color(0xFBE8CF); backgroundBottom = new Color(0xF2B48A); }
            case COOL -> { backgroundTop = new Color(0xCFE8F7); backgroundBottom = new Color(0x9FD8CF); }
            case MINIMAL -> { backgroundTop = new Color(0xF4F2EE); backgroundBottom = new Color(0xE9E6E0); }
        }
        if (!spec.palette().isEmpty() && mood != Mood.NIGHT && mood != Mood.SUNSET) {
            backgroundBottom = mix(backgroundBottom, spec.palette().get(0), 0.35);
        }
    }

    private Color subjectColour(Color asked) {
        if (asked != null) {
            return asked;
        }
        Color c = colours.get(colourCursor % colours.size());
        colourCursor++;
        // keep subjects readable against the background
        if (contrast(c, mix(backgroundTop, backgroundBottom, 0.5)) < 1.6) {
            c = luminance(c) > 0.5 ? mix(c, Color.BLACK, 0.45) : mix(c, Color.WHITE, 0.5);
        }
        return c;
    }

    // ---- background -------------------------------------------------------------------------------

    private void paintBackground(Graphics2D g) {
        double angle = Math.toRadians(70 + random.nextDouble() * 40);
        float cx = w / 2f;
        float cy = h / 2f;
        float dx = (float) (Math.cos(angle) * h / 2);
        float dy = (float) (Math.sin(angle) * h / 2);
        boolean split = spec.layouts().contains(Layout.SPLIT);
        g.setPaint(new GradientPaint(cx - dx, cy - dy, backgroundTop, cx + dx, cy + dy, backgroundBottom));
        g.fillRect(0, 0, w, h);
        if (split) {
            g.setColor(mix(colours.get(colours.size() > 1 ? 1 : 0), Color.WHITE, 0.35));
            g.fillRect(w / 2, 0, w - w / 2, h);
        }
        if (spec.moods().contains(Mood.MINIMAL)) {
            return;
        }
        // Large soft shapes give the flat background some depth; the seed places them.
        Color accent = colours.get(colours.size() - 1);
        for (int i = 0; i < 4; i++) {
            float r = (float) (Math.min(w, h) * (0.18 + random.nextDouble() * 0.3));
            float x = (float) (random.nextDouble() * w);
            float y = (float) (random.nextDouble() * h * 0.8);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.10f));
            g.setColor(i % 2 == 0 ? accent : Color.WHITE);
            g.fill(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
        }
        g.setComposite(AlphaComposite.SrcOver);
        if (spec.moods().contains(Mood.NIGHT)) {
            g.setColor(new Color(255, 255, 240, 200));
            for (int i = 0; i < 60; i++) {
                float s = (float) (1 + random.nextDouble() * Math.min(w, h) / 300.0);
                g.fill(new Ellipse2D.Float((float) (random.nextDouble() * w), (float) (random.nextDouble() * h * 0.6), s, s));
            }
        }
    }

    private void paintBaseReference(Graphics2D g, BufferedImage ref) {
        double scale = Math.max((double) w / ref.getWidth(), (double) h / ref.getHeight());
        int dw = (int) Math.ceil(ref.getWidth() * scale);
        int dh = (int) Math.ceil(ref.getHeight() * scale);
        g.drawImage(ref, (w - dw) / 2, (h - dh) / 2, dw, dh, null);
        // A light veil of the palette so painted subjects read over a busy photo.
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
        g.setPaint(new GradientPaint(0, 0, backgroundTop, 0, h, backgroundBottom));
        g.fillRect(0, 0, w, h);
        g.setComposite(AlphaComposite.SrcOver);
    }

    private void paintInset(Graphics2D g, BufferedImage ref, int number, int count) {
        float size = Math.min(w, h) * (count > 3 ? 0.2f : 0.26f);
        float margin = Math.min(w, h) * 0.04f;
        float x = w - margin - (count - number + 1) * (size + margin * 0.6f) + margin * 0.6f;
        float y = h - margin - size;
        double scale = Math.max(size / ref.getWidth(), size / ref.getHeight());
        Graphics2D clip = (Graphics2D) g.create();
        RoundRectangle2D.Float frame = new RoundRectangle2D.Float(x, y, size, size, size * 0.12f, size * 0.12f);
        dropShadow(g, frame);
        clip.clip(frame);
        int dw = (int) Math.ceil(ref.getWidth() * scale);
        int dh = (int) Math.ceil(ref.getHeight() * scale);
        clip.drawImage(ref, (int) (x + (size - dw) / 2), (int) (y + (size - dh) / 2), dw, dh, null);
        clip.dispose();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(2f, size * 0.03f)));
        g.draw(frame);
        float badge = size * 0.22f;
        g.setColor(new Color(0x1F2937));
        g.fill(new Ellipse2D.Float(x - badge * 0.3f, y - badge * 0.3f, badge, badge));
        g.setColor(Color.WHITE);
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, Math.round(badge * 0.6f)));
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics();
        String label = Integer.toString(number + 1);
        g.drawString(label, x - badge * 0.3f + (badge - fm.stringWidth(label)) / 2f,
                y - badge * 0.3f + (badge + fm.getAscent() - fm.getDescent()) / 2f);
    }

    // ---- subjects ---------------------------------------------------------------------------------

    private void paintSubjects(Graphics2D g) {
        float unit = Math.min(w, h);
        float scale = spec.layouts().contains(Layout.CLOSEUP) ? 1.6f : 1f;
        float ax = 0.5f;
        float ay = 0.5f;
        if (spec.layouts().contains(Layout.LEFT)) {
            ax = 0.3f;
        }
        if (spec.layouts().contains(Layout.RIGHT)) {
            ax = 0.7f;
        }
        if (spec.layouts().contains(Layout.TOP)) {
            ay = 0.36f;
        }
        if (spec.layouts().contains(Layout.BOTTOM)) {
            ay = 0.64f;
        }
        // Where no layout word says where, the seed decides, as it does for a diffusion model: the seed
        // explorer's drafts then differ in composition, not just in grain. A layout word keeps a small jitter.
        boolean pinnedX = spec.layouts().contains(Layout.LEFT) || spec.layouts().contains(Layout.RIGHT);
        boolean pinnedY = spec.layouts().contains(Layout.TOP) || spec.layouts().contains(Layout.BOTTOM);
        ax += (float) ((random.nextDouble() - 0.5) * (pinnedX ? 0.08 : 0.4));
        ay += (float) ((random.nextDouble() - 0.5) * (pinnedY ? 0.06 : 0.18));
        if (!spec.layouts().contains(Layout.CLOSEUP)) {
            scale *= 0.8f + 0.45f * (float) random.nextDouble();
        }

        float horizon = h * (0.66f + (float) random.nextDouble() * 0.08f);
        List<Subject> focal = new ArrayList<>();
        // Sky objects first, so skylines and mountains stand in front of them.
        for (Subject s : spec.subjects()) {
            if (s.shape() == Shape.SUN || s.shape() == Shape.MOON) {
                float sx = w * (spec.layouts().contains(Layout.LEFT) ? 0.25f : spec.layouts().contains(Layout.RIGHT)
                        ? 0.75f : 0.5f + (float) (random.nextDouble() - 0.5) * 0.4f);
                paintFocal(g, s, sx, horizon * 0.45f, unit * 0.12f, horizon);
            }
        }
        for (Subject s : spec.subjects()) {
            switch (s.shape()) {
                case SUN, MOON -> {
                }
                case SURFACE -> paintSurface(g, s, horizon);
                case MOUNTAIN -> paintMountains(g, s, horizon);
                case CITY -> paintCity(g, s, horizon);
                case WAVES -> paintWaves(g, s, horizon);
                default -> focal.add(s);
            }
        }
        if (spec.layouts().contains(Layout.GRID) && !focal.isEmpty()) {
            int n = 3;
            for (int gy = 0; gy < n; gy++) {
                for (int gx = 0; gx < n; gx++) {
                    Subject s = focal.get((gy * n + gx) % focal.size());
                    paintFocal(g, s, w * (gx + 0.5f) / n, h * (gy + 0.5f) / n, unit * 0.12f, horizon);
                }
            }
            return;
        }
        boolean diagonal = spec.layouts().contains(Layout.DIAGONAL);
        boolean onSurface = spec.subjects().stream().anyMatch(s -> s.shape() == Shape.SURFACE);
        // A headline owns the top band; subjects keep below it.
        float ceiling = spec.headline() && !spec.quotedText().isEmpty() && !spec.layouts().contains(Layout.BOTTOM)
                ? h * 0.3f : h * 0.04f;
        for (int i = 0; i < focal.size(); i++) {
            Subject s = focal.get(i);
            float spread = focal.size() == 1 ? 0 : (i - (focal.size() - 1) / 2f) / focal.size();
            float x = w * (ax + spread * 0.7f);
            float size = unit * 0.2f * scale * (i == 0 ? 1f : 0.8f) * (focal.size() > 2 ? 0.8f : 1f);
            float below = s.shape() == Shape.ORB && s.word().startsWith("balloon") ? 1.75f : 1.0f; // centre to base
            float above = 1.15f;                                                                   // centre to top
            float y;
            if (onSurface && !spec.layouts().contains(Layout.TOP)) {
                // "on a table": rest on it (a balloon floats a string's length above it)
                size = Math.min(size, (horizon - ceiling) / (below + above));
                y = horizon - size * below;
            } else {
                y = h * (ay + (diagonal ? spread * 0.5f : 0)) - (i % 2) * unit * 0.04f;
                y = Math.min(y, horizon - size * 0.2f);
            }
            y = Math.max(y, ceiling + size * above);
            x = Math.max(size * 1.3f, Math.min(w - size * 1.3f, x)); // a layout word moves subjects, never out of frame
            paintFocal(g, s, x, y, size, horizon);
        }
    }

    private void paintFocal(Graphics2D g, Subject s, float x, float y, float r, float horizon) {
        Color c = subjectColour(s.colour());
        switch (s.shape()) {
            case ORB -> paintOrb(g, c, x, y, r, s.word().startsWith("balloon"), horizon);
            case SUN -> paintSun(g, s.colour() == null ? new Color(0xF6C445) : c, x, y, r);
            case MOON -> paintMoon(g, s.colour(), x, y, r);
            case TREE -> paintTree(g, c, x, y, r, horizon);
            case FLOWER -> paintFlower(g, c, x, y, r);
            case PANEL -> paintPanel(g, c, x, y, r);
            case PERSON -> paintPerson(g, c, x, y, r, horizon);
            case BOTTLE -> paintBottle(g, c, x, y, r, horizon);
            case CUP -> paintCup(g, c, x, y, r, horizon);
            case BIRD -> paintBirds(g, c, x, y, r);
            case STAR -> paintStar(g, c, x, y, r);
            case HEART -> paintHeart(g, c, x, y, r);
            default -> paintOrb(g, c, x, y, r, false, horizon);
        }
    }

    private void paintSurface(Graphics2D g, Subject s, float horizon) {
        Color c = s.colour() != null ? s.colour() : mix(subjectColour(null), new Color(0x8A5A33), 0.5);
        g.setPaint(new GradientPaint(0, horizon, mix(c, Color.WHITE, 0.12), 0, h, mix(c, Color.BLACK, 0.25)));
        g.fill(new Rectangle2D.Float(0, horizon, w, h - horizon));
        g.setColor(mix(c, Color.WHITE, 0.3));
        g.fill(new Rectangle2D.Float(0, horizon, w, Math.max(2, h * 0.008f)));
        // grain lines: reads as wood or fabric at full quality, vanishes in a rough draft
        g.setStroke(new BasicStroke(Math.max(1f, h / 600f)));
        g.setColor(mix(c, Color.BLACK, 0.18));
        for (int i = 0; i < 9; i++) {
            float y = horizon + (h - horizon) * (0.12f + 0.1f * i) + (float) random.nextDouble() * 4;
            Path2D.Float line = new Path2D.Float();
            line.moveTo(0, y);
            for (int x = 0; x <= w; x += Math.max(8, w / 24)) {
                line.lineTo(x, y + (float) Math.sin(x * 0.013 + i) * h * 0.004f);
            }
            g.draw(line);
        }
    }

    private void paintMountains(Graphics2D g, Subject s, float horizon) {
        Color c = subjectColour(s.colour());
        for (int layer = 0; layer < 2; layer++) {
            Color shade = layer == 0 ? mix(c, backgroundTop, 0.45) : c;
            GeneralPath p = new GeneralPath();
            p.moveTo(0, horizon);
            int peaks = 3 + random.nextInt(2);
            for (int i = 0; i <= peaks; i++) {
                float x = w * (i + 0.5f) / (peaks + 1) + (float) (random.nextDouble() - 0.5) * w * 0.08f;
                float top = horizon - h * (0.22f + (float) random.nextDouble() * 0.2f) * (layer == 0 ? 1.1f : 0.8f);
                p.lineTo(x, top);
                p.lineTo(x + w * 0.5f / (peaks + 1), horizon - h * 0.05f * (float) random.nextDouble());
            }
            p.lineTo(w, horizon);
            p.closePath();
            g.setColor(shade);
            g.fill(p);
        }
    }

    private void paintCity(Graphics2D g, Subject s, float horizon) {
        Color c = subjectColour(s.colour());
        float x = 0;
        boolean night = spec.moods().contains(Mood.NIGHT);
        while (x < w) {
            float bw = w * (0.05f + (float) random.nextDouble() * 0.07f);
            float bh = h * (0.15f + (float) random.nextDouble() * 0.35f);
            Color shade = mix(c, Color.BLACK, random.nextDouble() * 0.35);
            g.setColor(shade);
            g.fill(new Rectangle2D.Float(x, horizon - bh, bw, bh));
            g.setColor(night ? new Color(0xFFE08A) : mix(shade, Color.WHITE, 0.45));
            float win = Math.max(2, bw / 7);
            for (float wy = horizon - bh + win; wy < horizon - win * 2; wy += win * 2.2f) {
                for (float wx = x + win; wx < x + bw - win; wx += win * 2) {
                    if (random.nextDouble() < (night ? 0.55 : 0.8)) {
                        g.fill(new Rectangle2D.Float(wx, wy, win, win * 1.2f));
                    }
                }
            }
            x += bw + w * 0.006f;
        }
    }

    private void paintWaves(Graphics2D g, Subject s, float horizon) {
        Color c = subjectColour(s.colour() != null ? s.colour() : new Color(0x2B7BD9));
        for (int band = 0; band < 5; band++) {
            float top = horizon + (h - horizon) * band / 5f - h * 0.02f;
            Path2D.Float p = new Path2D.Float();
            p.moveTo(0, h);
            double phase = random.nextDouble() * Math.PI * 2;
            for (int x = 0; x <= w; x += Math.max(4, w / 64)) {
                p.lineTo(x, top + Math.sin(x * 12.0 / w + phase) * h * 0.012f);
            }
            p.lineTo(w, h);
            p.closePath();
            g.setColor(mix(c, band % 2 == 0 ? Color.WHITE : Color.BLACK, 0.08 + band * 0.04));
            g.fill(p);
        }
    }

    private void paintOrb(Graphics2D g, Color c, float x, float y, float r, boolean balloon, float horizon) {
        if (balloon) {
            g.setColor(mix(c, Color.BLACK, 0.5));
            g.setStroke(new BasicStroke(Math.max(1.5f, r * 0.025f)));
            Path2D.Float string = new Path2D.Float();
            string.moveTo(x, y + r * 1.15f);
            float end = horizon > y + r * 1.4f && horizon < y + r * 2.4f ? horizon : y + r * 2.2f; // tied to a surface
            string.curveTo(x - r * 0.2f, y + r * 1.6f, x + r * 0.25f, y + r * 2f, x, end);
            g.draw(string);
            GeneralPath knot = new GeneralPath();
            knot.moveTo(x - r * 0.09f, y + r * 1.2f);
            knot.lineTo(x + r * 0.09f, y + r * 1.2f);
            knot.lineTo(x, y + r * 1.05f);
            knot.closePath();
            g.setColor(mix(c, Color.BLACK, 0.2));
            g.fill(knot);
        } else {
            contactShadow(g, x, horizon, r);
        }
        Ellipse2D.Float body = balloon ? new Ellipse2D.Float(x - r * 0.92f, y - r * 1.1f, r * 1.84f, r * 2.24f)
                : new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r);
        g.setPaint(new RadialGradientPaint(new Point2D.Float(x - r * 0.35f, y - r * 0.4f), r * 1.6f,
                new float[] {0f, 0.55f, 1f}, new Color[] {mix(c, Color.WHITE, 0.35), c, mix(c, Color.BLACK, 0.35)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(body);
        g.setColor(new Color(255, 255, 255, 150));
        g.fill(new Ellipse2D.Float(x - r * 0.5f, y - r * 0.72f, r * 0.3f, r * 0.42f));
    }

    private void paintSun(Graphics2D g, Color c, float x, float y, float r) {
        g.setPaint(new RadialGradientPaint(new Point2D.Float(x, y), r * 2.2f, new float[] {0f, 0.45f, 1f},
                new Color[] {mix(c, Color.WHITE, 0.3), new Color(c.getRed(), c.getGreen(), c.getBlue(), 90),
                        new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)}));
        g.fill(new Ellipse2D.Float(x - r * 2.2f, y - r * 2.2f, r * 4.4f, r * 4.4f));
        g.setColor(c);
        g.fill(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
    }

    private void paintMoon(Graphics2D g, Color c, float x, float y, float r) {
        Color moon = c != null ? c : new Color(0xF4EBD6);
        g.setColor(moon);
        java.awt.geom.Area crescent = new java.awt.geom.Area(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
        crescent.subtract(new java.awt.geom.Area(new Ellipse2D.Float(x - r * 0.45f, y - r * 1.15f, 2 * r, 2 * r)));
        g.fill(crescent);
    }

    private void paintTree(Graphics2D g, Color c, float x, float y, float r, float horizon) {
        float base = Math.max(y + r * 1.2f, horizon);
        g.setColor(new Color(0x6B4423));
        g.fill(new Rectangle2D.Float(x - r * 0.12f, y, r * 0.24f, base - y));
        Color leaf = c != null && !c.equals(new Color(0x6B4423)) ? c : new Color(0x2E9E4F);
        for (int i = 0; i < 3; i++) {
            float ox = (i - 1) * r * 0.45f;
            float oy = -r * (0.3f + (i == 1 ? 0.35f : 0f));
            g.setColor(mix(leaf, i == 1 ? Color.WHITE : Color.BLACK, 0.1));
            g.fill(new Ellipse2D.Float(x + ox - r * 0.7f, y + oy - r * 0.7f, r * 1.4f, r * 1.4f));
        }
    }

    private void paintFlower(Graphics2D g, Color c, float x, float y, float r) {
        g.setColor(new Color(0x3A8F3E));
        g.setStroke(new BasicStroke(Math.max(2f, r * 0.08f)));
        g.draw(new java.awt.geom.Line2D.Float(x, y, x, y + r * 2.2f));
        for (int i = 0; i < 6; i++) {
            double a = i * Math.PI / 3;
            float px = x + (float) Math.cos(a) * r * 0.55f;
            float py = y + (float) Math.sin(a) * r * 0.55f;
            g.setColor(mix(c, Color.WHITE, i % 2 * 0.12));
            g.fill(new Ellipse2D.Float(px - r * 0.42f, py - r * 0.42f, r * 0.84f, r * 0.84f));
        }
        g.setColor(new Color(0xF6C445));
        g.fill(new Ellipse2D.Float(x - r * 0.3f, y - r * 0.3f, r * 0.6f, r * 0.6f));
    }

    private void paintPanel(Graphics2D g, Color c, float x, float y, float r) {
        float pw = r * 2.4f;
        float ph = r * 3.0f;
        RoundRectangle2D.Float panel = new RoundRectangle2D.Float(x - pw / 2, y - ph / 2, pw, ph, r * 0.25f, r * 0.25f);
        dropShadow(g, panel);
        g.setColor(c);
        g.fill(panel);
        g.setColor(mix(c, Color.WHITE, 0.75));
        g.fill(new RoundRectangle2D.Float(x - pw / 2 + r * 0.18f, y - ph / 2 + r * 0.18f, pw - r * 0.36f, ph * 0.55f,
                r * 0.12f, r * 0.12f));
        g.setColor(mix(c, Color.WHITE, 0.5));
        for (int i = 0; i < 3; i++) {
            g.fill(new RoundRectangle2D.Float(x - pw / 2 + r * 0.18f, y + ph * 0.12f + i * r * 0.28f,
                    (pw - r * 0.36f) * (1f - i * 0.22f), r * 0.12f, r * 0.1f, r * 0.1f));
        }
    }

    private void paintPerson(Graphics2D g, Color c, float x, float y, float r, float horizon) {
        float feet = Math.max(y + r * 2f, horizon);
        contactShadow(g, x, feet, r * 0.8f);
        g.setColor(c);
        g.fill(new RoundRectangle2D.Float(x - r * 0.55f, y - r * 0.1f, r * 1.1f, feet - y + r * 0.1f, r * 0.9f, r * 0.9f));
        g.setColor(new Color(0xE0B08C));
        g.fill(new Ellipse2D.Float(x - r * 0.38f, y - r * 0.95f, r * 0.76f, r * 0.8f));
    }

    private void paintBottle(Graphics2D g, Color c, float x, float y, float r, float horizon) {
        float base = Math.max(y + r * 1.5f, horizon);
        contactShadow(g, x, base, r * 0.6f);
        GeneralPath p = new GeneralPath();
        p.moveTo(x - r * 0.16f, base - r * 2.8f);
        p.lineTo(x + r * 0.16f, base - r * 2.8f);
        p.lineTo(x + r * 0.16f, base - r * 2.1f);
        p.curveTo(x + r * 0.55f, base - r * 1.9f, x + r * 0.55f, base - r * 1.6f, x + r * 0.55f, base - r * 1.4f);
        p.lineTo(x + r * 0.55f, base);
        p.lineTo(x - r * 0.55f, base);
        p.lineTo(x - r * 0.55f, base - r * 1.4f);
        p.curveTo(x - r * 0.55f, base - r * 1.6f, x - r * 0.55f, base - r * 1.9f, x - r * 0.16f, base - r * 2.1f);
        p.closePath();
        g.setPaint(new GradientPaint(x - r * 0.55f, 0, mix(c, Color.WHITE, 0.3), x + r * 0.55f, 0, mix(c, Color.BLACK, 0.25)));
        g.fill(p);
    }

    private void paintCup(Graphics2D g, Color c, float x, float y, float r, float horizon) {
        float base = Math.max(y + r * 0.6f, horizon);
        contactShadow(g, x, base, r);
        g.setColor(c);
        g.setStroke(new BasicStroke(r * 0.14f));
        g.draw(new Ellipse2D.Float(x + r * 0.55f, base - r * 1.1f, r * 0.7f, r * 0.6f));
        g.fill(new RoundRectangle2D.Float(x - r * 0.75f, base - r * 1.4f, r * 1.5f, r * 1.4f, r * 0.4f, r * 0.4f));
        g.setColor(mix(c, Color.BLACK, 0.35));
        g.fill(new Ellipse2D.Float(x - r * 0.75f, base - r * 1.5f, r * 1.5f, r * 0.25f));
    }

    private void paintBirds(Graphics2D g, Color c, float x, float y, float r) {
        g.setColor(c);
        g.setStroke(new BasicStroke(Math.max(2f, r * 0.06f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            float bx = x + (i - 1) * r * 0.9f;
            float by = y - r * 0.8f + (i % 2) * r * 0.35f;
            Path2D.Float p = new Path2D.Float();
            p.moveTo(bx - r * 0.4f, by);
            p.quadTo(bx - r * 0.2f, by - r * 0.25f, bx, by);
            p.quadTo(bx + r * 0.2f, by - r * 0.25f, bx + r * 0.4f, by);
            g.draw(p);
        }
    }

    private void paintStar(Graphics2D g, Color c, float x, float y, float r) {
        GeneralPath p = new GeneralPath();
        for (int i = 0; i < 10; i++) {
            double a = -Math.PI / 2 + i * Math.PI / 5;
            float rr = i % 2 == 0 ? r : r * 0.45f;
            float px = x + (float) Math.cos(a) * rr;
            float py = y + (float) Math.sin(a) * rr;
            if (i == 0) {
                p.moveTo(px, py);
            } else {
                p.lineTo(px, py);
            }
        }
        p.closePath();
        g.setColor(c);
        g.fill(p);
    }

    private void paintHeart(Graphics2D g, Color c, float x, float y, float r) {
        GeneralPath p = new GeneralPath();
        p.moveTo(x, y + r);
        p.curveTo(x - r * 1.4f, y, x - r * 0.7f, y - r * 1.1f, x, y - r * 0.35f);
        p.curveTo(x + r * 0.7f, y - r * 1.1f, x + r * 1.4f, y, x, y + r);
        p.closePath();
        g.setColor(c);
        g.fill(p);
    }

    /** Words the engine has no picture for still shape the image: each one seeds a shape of its own. */
    private void paintUnknownWords(Graphics2D g) {
        if (spec.moods().contains(Mood.MINIMAL)) {
            return;
        }
        float unit = Math.min(w, h);
        for (String word : spec.unknown()) {
            SplittableRandom wr = new SplittableRandom(word.hashCode() * 0x9E3779B97F4A7C15L ^ random.nextLong());
            float r = unit * (0.04f + (float) wr.nextDouble() * 0.05f);
            float x = (float) (w * (0.1 + wr.nextDouble() * 0.8));
            float y = (float) (h * (0.1 + wr.nextDouble() * 0.45));
            Color c = mix(colours.get(Math.floorMod(word.hashCode(), colours.size())), Color.WHITE, 0.15);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
            g.setColor(c);
            switch (Math.floorMod(word.hashCode(), 4)) {
                case 0 -> g.fill(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
                case 1 -> g.fill(new RoundRectangle2D.Float(x - r, y - r, 2 * r, 2 * r, r * 0.6f, r * 0.6f));
                case 2 -> {
                    GeneralPath t = new GeneralPath();
                    t.moveTo(x, y - r);
                    t.lineTo(x + r, y + r);
                    t.lineTo(x - r, y + r);
                    t.closePath();
                    g.fill(t);
                }
                default -> {
                    g.setStroke(new BasicStroke(r * 0.35f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    Path2D.Float s = new Path2D.Float();
                    s.moveTo(x - r * 1.5f, y);
                    s.curveTo(x - r * 0.5f, y - r, x + r * 0.5f, y + r, x + r * 1.5f, y);
                    g.draw(s);
                }
            }
            g.setComposite(AlphaComposite.SrcOver);
        }
    }

    // ---- text -------------------------------------------------------------------------------------

    private void paintText(Graphics2D g) {
        List<String> lines = spec.quotedText();
        if (lines.isEmpty()) {
            return;
        }
        float maxWidth = w * 0.82f;
        float maxFirst = h * (spec.headline() ? 0.17f : 0.12f);
        List<Font> fonts = new ArrayList<>();
        List<Float> widths = new ArrayList<>();
        float total = 0;
        for (int i = 0; i < lines.size(); i++) {
            float cap = i == 0 ? maxFirst : maxFirst * 0.5f;
            Font f = fitted(g, lines.get(i), maxWidth, cap);
            fonts.add(f);
            g.setFont(f);
            widths.add((float) g.getFontMetrics().getStringBounds(lines.get(i), g).getWidth());
            total += g.getFontMetrics().getAscent() + g.getFontMetrics().getDescent() * 0.6f;
        }
        float pad = h * 0.025f;
        float blockWidth = widths.stream().reduce(0f, Math::max) + pad * 2.4f;
        float top = spec.headline() ? h * 0.07f : h * 0.72f - total / 2;
        if (spec.headline() && spec.layouts().contains(Layout.BOTTOM)) {
            top = h * 0.75f - total / 2;
        }
        float left = (w - blockWidth) / 2;
        Color plate = luminance(backgroundTop) > 0.45 ? new Color(0x111827) : new Color(0xFAFAF7);
        if (!spec.headline()) {
            plate = colours.isEmpty() ? plate : mix(colours.get(0), Color.BLACK, 0.55);
        }
        Color ink = luminance(plate) > 0.5 ? new Color(0x111827) : Color.WHITE;
        RoundRectangle2D.Float box = new RoundRectangle2D.Float(left, top, blockWidth, total + pad * 1.6f, pad, pad);
        dropShadow(g, box);
        g.setColor(plate);
        g.fill(box);
        float baseline = top + pad * 0.8f;
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(fonts.get(i));
            FontMetrics fm = g.getFontMetrics();
            baseline += fm.getAscent();
            g.setColor(i == 0 ? ink : mix(ink, plate, 0.2));
            g.drawString(lines.get(i), (w - widths.get(i)) / 2f, baseline);
            baseline += fm.getDescent() * 0.6f;
        }
    }

    private static Font fitted(Graphics2D g, String text, float maxWidth, float maxSize) {
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, 100);
        g.setFont(f);
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        float size = (float) Math.min(maxSize, 100 * maxWidth / Math.max(1, width));
        return f.deriveFont(Math.max(8f, size));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void dropShadow(Graphics2D g, java.awt.Shape shape) {
        Graphics2D s = (Graphics2D) g.create();
        float off = Math.min(w, h) * 0.008f;
        s.translate(off, off * 1.5);
        s.setColor(new Color(0, 0, 0, 60));
        s.fill(shape);
        s.dispose();
    }

    private void contactShadow(Graphics2D g, float x, float y, float r) {
        g.setColor(new Color(0, 0, 0, 55));
        g.fill(new Ellipse2D.Float(x - r * 0.9f, y - r * 0.12f, r * 1.8f, r * 0.24f));
    }

    static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() * (1 - u) + b.getRed() * u),
                (int) Math.round(a.getGreen() * (1 - u) + b.getGreen() * u),
                (int) Math.round(a.getBlue() * (1 - u) + b.getBlue() * u));
    }

    private static Color rotateHue(Color c, float by) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        return Color.getHSBColor((hsb[0] + by) % 1f, hsb[1], hsb[2]);
    }

    static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a) + 0.05;
        double lb = luminance(b) + 0.05;
        return Math.max(la, lb) / Math.min(la, lb);
    }
}

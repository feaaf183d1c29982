package io.draftboard.provider.offline;

import java.awt.Color;
import java.util.Map;
import java.util.Set;

/** The words the offline engine understands: colours, materials, moods, subjects and layout. */
final class Vocabulary {
    private Vocabulary() {
    }

    static final Map<String, Color> COLOURS = Map.ofEntries(
            Map.entry("red", new Color(0xD7263D)), Map.entry("crimson", new Color(0xB0102A)),
            Map.entry("scarlet", new Color(0xE03A24)), Map.entry("orange", new Color(0xF17A1C)),
            Map.entry("amber", new Color(0xF2A516)), Map.entry("yellow", new Color(0xF6D32D)),
            Map.entry("gold", new Color(0xD4A72C)), Map.entry("golden", new Color(0xD4A72C)),
            Map.entry("green", new Color(0x2E9E4F)), Map.entry("olive", new Color(0x7A8B2B)),
            Map.entry("lime", new Color(0x9BD83A)), Map.entry("mint", new Color(0x8FE3C0)),
            Map.entry("teal", new Color(0x14837B)), Map.entry("cyan", new Color(0x1FB6D1)),
            Map.entry("turquoise", new Color(0x2EC4B6)), Map.entry("blue", new Color(0x2B63D9)),
            Map.entry("navy", new Color(0x1B2A59)), Map.entry("indigo", new Color(0x3F3C9E)),
            Map.entry("purple", new Color(0x7B3FB5)), Map.entry("violet", new Color(0x8F5BD8)),
            Map.entry("lavender", new Color(0xB9A7E8)), Map.entry("magenta", new Color(0xD6338F)),
            Map.entry("pink", new Color(0xF28DB2)), Map.entry("rose", new Color(0xE8677F)),
            Map.entry("brown", new Color(0x8A5A33)), Map.entry("wooden", new Color(0x9B6A3C)),
            Map.entry("wood", new Color(0x9B6A3C)), Map.entry("beige", new Color(0xE3D3B5)),
            Map.entry("cream", new Color(0xF4EBD6)), Map.entry("white", new Color(0xF7F7F2)),
            Map.entry("black", new Color(0x17171B)), Map.entry("grey", new Color(0x8A8D93)),
            Map.entry("gray", new Color(0x8A8D93)), Map.entry("silver", new Color(0xC3C7CE)),
            Map.entry("steel", new Color(0x7F8C99)), Map.entry("glass", new Color(0xBFE6F2)),
            Map.entry("coral", new Color(0xF2705E)), Map.entry("peach", new Color(0xF8B195)),
            Map.entry("sand", new Color(0xD9C08C)), Map.entry("charcoal", new Color(0x33363B)));

    /** Modifiers that shift the colour that follows them. */
    static final Set<String> LIGHTER = Set.of("pastel", "light", "pale", "soft");
    static final Set<String> DARKER = Set.of("dark", "deep");
    static final Set<String> VIVID = Set.of("neon", "vivid", "bright", "electric");
    static final Set<String> MUTED = Set.of("muted", "dusty", "faded");

    enum Mood { NIGHT, SUNSET, DAWN, BRIGHT, WARM, COOL, MINIMAL }

    static final Map<String, Mood> MOODS = Map.ofEntries(
            Map.entry("night", Mood.NIGHT), Map.entry("midnight", Mood.NIGHT), Map.entry("dark", Mood.NIGHT),
            Map.entry("moody", Mood.NIGHT), Map.entry("sunset", Mood.SUNSET), Map.entry("dusk", Mood.SUNSET),
            Map.entry("dawn", Mood.DAWN), Map.entry("sunrise", Mood.DAWN), Map.entry("morning", Mood.DAWN),
            Map.entry("bright", Mood.BRIGHT), Map.entry("sunny", Mood.BRIGHT), Map.entry("daylight", Mood.BRIGHT),
            Map.entry("warm", Mood.WARM), Map.entry("cozy", Mood.WARM), Map.entry("cool", Mood.COOL),
            Map.entry("icy", Mood.COOL), Map.entry("winter", Mood.COOL), Map.entry("minimal", Mood.MINIMAL),
            Map.entry("minimalist", Mood.MINIMAL), Map.entry("clean", Mood.MINIMAL));

    enum Shape { ORB, SUN, MOON, SURFACE, MOUNTAIN, CITY, WAVES, TREE, FLOWER, PANEL, PERSON, BOTTLE, CUP, BIRD, STAR, HEART }

    static final Map<String, Shape> SUBJECTS = Map.ofEntries(
            Map.entry("balloon", Shape.ORB), Map.entry("balloons", Shape.ORB), Map.entry("ball", Shape.ORB),
            Map.entry("planet", Shape.ORB), Map.entry("circle", Shape.ORB), Map.entry("sphere", Shape.ORB),
            Map.entry("orb", Shape.ORB), Map.entry("bubble", Shape.ORB), Map.entry("apple", Shape.ORB),
            Map.entry("orange", Shape.ORB), Map.entry("sun", Shape.SUN), Map.entry("moon", Shape.MOON),
            Map.entry("table", Shape.SURFACE), Map.entry("floor", Shape.SURFACE), Map.entry("desk", Shape.SURFACE),
            Map.entry("ground", Shape.SURFACE), Map.entry("counter", Shape.SURFACE), Map.entry("shelf", Shape.SURFACE),
            Map.entry("beach", Shape.SURFACE), Map.entry("field", Shape.SURFACE), Map.entry("road", Shape.SURFACE),
            Map.entry("mountain", Shape.MOUNTAIN), Map.entry("mountains", Shape.MOUNTAIN),
            Map.entry("hill", Shape.MOUNTAIN), Map.entry("hills", Shape.MOUNTAIN), Map.entry("pyramid", Shape.MOUNTAIN),
            Map.entry("city", Shape.CITY), Map.entry("building", Shape.CITY), Map.entry("buildings", Shape.CITY),
            Map.entry("skyline", Shape.CITY), Map.entry("tower", Shape.CITY), Map.entry("street", Shape.CITY),
            Map.entry("sea", Shape.WAVES), Map.entry("ocean", Shape.WAVES), Map.entry("wave", Shape.WAVES),
            Map.entry("waves", Shape.WAVES), Map.entry("river", Shape.WAVES), Map.entry("lake", Shape.WAVES),
            Map.entry("water", Shape.WAVES), Map.entry("tree", Shape.TREE), Map.entry("trees", Shape.TREE),
            Map.entry("forest", Shape.TREE), Map.entry("plant", Shape.TREE), Map.entry("flower", Shape.FLOWER),
            Map.entry("flowers", Shape.FLOWER), Map.entry("rose", Shape.FLOWER), Map.entry("card", Shape.PANEL),
            Map.entry("poster", Shape.PANEL), Map.entry("banner", Shape.PANEL), Map.entry("phone", Shape.PANEL),
            Map.entry("screen", Shape.PANEL), Map.entry("frame", Shape.PANEL), Map.entry("book", Shape.PANEL),
            Map.entry("box", Shape.PANEL), Map.entry("package", Shape.PANEL), Map.entry("laptop", Shape.PANEL),
            Map.entry("person", Shape.PERSON), Map.entry("man", Shape.PERSON), Map.entry("woman", Shape.PERSON),
            Map.entry("girl", Shape.PERSON), Map.entry("boy", Shape.PERSON), Map.entry("character", Shape.PERSON),
            Map.entry("bottle", Shape.BOTTLE), Map.entry("vase", Shape.BOTTLE), Map.entry("cup", Shape.CUP),
            Map.entry("mug", Shape.CUP), Map.entry("coffee", Shape.CUP), Map.entry("bird", Shape.BIRD),
            Map.entry("birds", Shape.BIRD), Map.entry("star", Shape.STAR), Map.entry("stars", Shape.STAR),
            Map.entry("heart", Shape.HEART));

    enum Layout { LEFT, RIGHT, CENTER, TOP, BOTTOM, GRID, SPLIT, DIAGONAL, BORDER, CLOSEUP }

    static final Map<String, Layout> LAYOUTS = Map.ofEntries(
            Map.entry("left", Layout.LEFT), Map.entry("right", Layout.RIGHT), Map.entry("center", Layout.CENTER),
            Map.entry("centered", Layout.CENTER), Map.entry("centre", Layout.CENTER), Map.entry("middle", Layout.CENTER),
            Map.entry("top", Layout.TOP), Map.entry("above", Layout.TOP), Map.entry("bottom", Layout.BOTTOM),
            Map.entry("below", Layout.BOTTOM), Map.entry("grid", Layout.GRID), Map.entry("pattern", Layout.GRID),
            Map.entry("tiled", Layout.GRID), Map.entry("split", Layout.SPLIT), Map.entry("diagonal", Layout.DIAGONAL),
            Map.entry("border", Layout.BORDER), Map.entry("framed", Layout.BORDER), Map.entry("closeup", Layout.CLOSEUP),
            Map.entry("close", Layout.CLOSEUP), Map.entry("macro", Layout.CLOSEUP));

    static final Set<String> HEADLINE_WORDS = Set.of("headline", "title", "poster", "banner", "heading", "header",
            "cover", "flyer", "ad", "advert", "advertisement", "billboard");

    /** Words that carry no picture: they neither become shapes nor change the palette. */
    static final Set<String> STOPWORDS = Set.of("a", "an", "the", "on", "in", "of", "with", "and", "or", "at", "to",
            "for", "from", "by", "into", "onto", "over", "under", "near", "next", "is", "are", "its", "it", "this",
            "that", "very", "some", "image", "images", "photo", "picture", "style", "styled", "render", "shot",
            "scene", "view", "high", "quality", "detailed", "background", "foreground", "side", "text", "words",
            "reading", "says", "saying", "font", "bold", "sans", "serif", "typography", "design", "mockup", "flat",
            "illustration", "vector", "modern", "simple", "beautiful", "realistic", "cinematic", "lighting", "light",
            "colour", "color", "colours", "colors", "tone", "tones", "made", "using", "like", "look", "looking");
}

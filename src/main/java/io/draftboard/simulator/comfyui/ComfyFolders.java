package io.draftboard.simulator.comfyui;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ComfyUI's three file folders, in memory: {@code input} (uploads, what LoadImage reads), {@code output}
 * (SaveImage) and {@code temp} (PreviewImage). Keys are {@code subfolder/name}.
 */
final class ComfyFolders {
    private final Map<String, Map<String, byte[]>> folders = Map.of("input", new LinkedHashMap<>(), "output",
            new LinkedHashMap<>(), "temp", new LinkedHashMap<>());
    private int saved;

    static boolean isFolder(String type) {
        return type.equals("input") || type.equals("output") || type.equals("temp");
    }

    static String key(String subfolder, String name) {
        return subfolder.isEmpty() ? name : subfolder + "/" + name;
    }

    /** The file at {@code key} in folder {@code type}, or null. */
    synchronized byte[] get(String type, String key) {
        Map<String, byte[]> folder = folders.get(type);
        return folder == null ? null : folder.get(key);
    }

    /** The input folder's files, as LoadImage lists them. */
    synchronized List<String> inputs() {
        return List.copyOf(folders.get("input").keySet());
    }

    synchronized boolean hasInput(String key) {
        return folders.get("input").containsKey(key);
    }

    /**
     * {@code /upload/image}: stores {@code bytes} and answers the name it got. Without {@code overwrite} a
     * different file of that name makes ComfyUI number the new one ("ref (1).png"); the same bytes again keep the
     * existing file.
     */
    synchronized String upload(String type, String subfolder, String filename, byte[] bytes, boolean overwrite) {
        Map<String, byte[]> folder = folders.get(type);
        String name = filename;
        if (!overwrite) {
            int dot = filename.lastIndexOf('.');
            String stem = dot < 0 ? filename : filename.substring(0, dot);
            String ext = dot < 0 ? "" : filename.substring(dot);
            for (int i = 1; folder.containsKey(key(subfolder, name)); i++) {
                if (Arrays.equals(folder.get(key(subfolder, name)), bytes)) {
                    break; // the same picture again: ComfyUI keeps the existing file
                }
                name = stem + " (" + i + ")" + ext;
            }
        }
        folder.put(key(subfolder, name), bytes);
        return name;
    }

    /**
     * SaveImage ({@code prefix}, to output) or PreviewImage (null, to temp): a PNG named as ComfyUI names it, a
     * counter shared by both; answers the name.
     */
    synchronized String save(String type, String prefix, String nodeId, byte[] png) {
        saved++;
        String name = (prefix != null ? prefix : "ComfyUI_temp_" + HexFormat.of().toHexDigits(nodeId.hashCode())
                .substring(0, 5)) + String.format(Locale.ROOT, "_%05d_.png", saved);
        folders.get(type).put(name, png);
        return name;
    }

    /** ComfyUI empties temp when it starts. */
    synchronized void clearTemp() {
        folders.get("temp").clear();
    }
}

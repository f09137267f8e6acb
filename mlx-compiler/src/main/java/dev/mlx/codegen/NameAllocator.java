package dev.mlx.codegen;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns arbitrary names into unique, valid Java identifiers: accents stripped, anything else
 * replaced, keywords and clashes suffixed. Deterministic: the same requests give the same names.
 */
final class NameAllocator {
    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");
    private final Set<String> taken = new HashSet<>();

    String newName(String suggestion) {
        String base = sanitise(suggestion);
        String name = base;
        for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)) || RESERVED.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    /** A class name: UpperCamelCase of the words of the suggestion. */
    String newClassName(String suggestion) {
        StringBuilder sb = new StringBuilder();
        for (String word : sanitise(suggestion).split("_+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return newName(sb.length() == 0 ? "Experiment" : sb.toString());
    }

    static String sanitise(String s) {
        String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder sb = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        String out = sb.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (out.isEmpty()) {
            out = "x";
        }
        return Character.isDigit(out.charAt(0)) ? "_" + out : out;
    }
}

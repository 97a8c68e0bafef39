package org.hartbench.core.debug;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Symbol;

/**
 * How users name guest addresses in breakpoints, the Memory view and labels. A location is either
 * an ELF symbol name (a C identifier, optionally {@code +offset}) or a hex number with or without
 * {@code 0x}. The rule is unambiguous because C identifiers never start with a digit: {@code
 * deadbeef} is a symbol, {@code 0xdeadbeef} and {@code 80000000} are addresses.
 */
public final class Locations {
    private Locations() {
    }

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_.$][A-Za-z0-9_.$]*");
    private static final Pattern HEX = Pattern.compile("(?:0[xX])?([0-9a-fA-F]{1,16})");
    private static final Pattern SYMBOL_PLUS_OFFSET = Pattern.compile("(" + SYMBOL.pattern() + ")\\s*\\+\\s*(\\S+)");

    /** True when text is a symbol name (not an address). */
    public static boolean isSymbolName(String text) {
        return text != null && SYMBOL.matcher(text.trim()).matches();
    }

    /** The address a hex location names, or empty when text is not a hex number of at most 64 bits. */
    public static OptionalLong parseAddress(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        if (!t.startsWith("0x") && !t.startsWith("0X") && !t.isEmpty() && !Character.isDigit(t.charAt(0))) {
            return OptionalLong.empty(); // an identifier, never an address
        }
        Matcher m = HEX.matcher(t);
        return m.matches() ? OptionalLong.of(Long.parseUnsignedLong(m.group(1), 16)) : OptionalLong.empty();
    }

    /**
     * Resolves a location against an image: a symbol, {@code symbol+offset} or a hex address.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is malformed or
     *         names a symbol the image does not have
     */
    public static long resolve(String text, ElfImage image) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty location: give an ELF symbol name or a hex address such as 0x80000000");
        }
        String t = text.trim();
        OptionalLong address = parseAddress(t);
        if (address.isPresent()) {
            return address.getAsLong();
        }
        long offset = 0;
        String name = t;
        Matcher plus = SYMBOL_PLUS_OFFSET.matcher(t);
        if (plus.matches()) {
            name = plus.group(1);
            OptionalLong o = parseAddress(plus.group(2));
            if (o.isEmpty()) {
                throw new IllegalArgumentException("'" + plus.group(2) + "' in '" + t + "' is not a hex offset");
            }
            offset = o.getAsLong();
        } else if (!isSymbolName(t)) {
            throw new IllegalArgumentException(
                    "'" + t + "' is neither an ELF symbol name nor a hex address such as 0x80000000");
        }
        return symbolAddress(name, image) + offset;
    }

    /** The address of a symbol; the exception names the symbol and the image. */
    public static long symbolAddress(String name, ElfImage image) {
        if (image == null) {
            throw new IllegalArgumentException("cannot resolve symbol '" + name + "': no ELF image is loaded");
        }
        Optional<Symbol> s = image.symbol(name);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no symbol '" + name + "' in " + imageName(image));
        }
        return s.get().address();
    }

    /**
     * "idle_loop+0x12", "idle_loop", or empty when no symbol covers the address. A symbol covers
     * the addresses inside its size; a symbol of unknown size (an assembly label such as
     * {@code trapvec}) covers everything up to the next symbol, as a debugger's disassembly would show.
     */
    public static Optional<String> symbolicName(long address, ElfImage image) {
        return symbolCovering(address, image).map(s -> {
            long off = address - s.address();
            return off == 0 ? s.name() : s.name() + "+0x" + Long.toHexString(off);
        });
    }

    /** The symbol {@link #symbolicName} names an address after, or empty when none covers it. */
    public static Optional<Symbol> symbolCovering(long address, ElfImage image) {
        if (image == null) {
            return Optional.empty();
        }
        Optional<Symbol> covering = image.symbolAt(address).filter(s -> s.contains(address));
        if (covering.isEmpty()) {
            covering = lastAtOrBelow(address, image.symbols()).filter(s -> s.size() == 0);
        }
        return covering;
    }

    /** The symbol with the highest address at or below addr (symbols are sorted by address). */
    private static Optional<Symbol> lastAtOrBelow(long addr, List<Symbol> symbols) {
        int lo = 0;
        int hi = symbols.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(symbols.get(mid).address(), addr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? Optional.empty() : Optional.of(symbols.get(lo - 1));
    }

    /** "0x0000000080006f7a": the fixed-width form used in labels. */
    public static String hex(long value) {
        return String.format("0x%016x", value);
    }

    /** The image's file name for messages, or "the loaded image" when it came from bytes. */
    public static String imageName(ElfImage image) {
        return image.path() != null ? image.path().getFileName().toString() : "the loaded image";
    }
}

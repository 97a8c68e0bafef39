package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Symbol;
import org.junit.jupiter.api.Test;

/** How typed locations become addresses, and addresses become symbol+offset labels. */
class LocationsTest {

    /** Two functions and a gap, as a tiny hand-written image. */
    private static final ElfImage IMAGE = new ElfImage() {
        private final List<Symbol> symbols = List.of(new Symbol("entry", 0x8000_0000L, 0x20, true),
                new Symbol("deadbeef", 0x8000_0100L, 0x10, true), new Symbol("vector", 0x8000_0200L, 0, false));

        @Override
        public Path path() {
            return Path.of("k.elf");
        }

        @Override
        public long entry() {
            return 0x8000_0000L;
        }

        @Override
        public List<Segment> segments() {
            return List.of();
        }

        @Override
        public List<Symbol> symbols() {
            return symbols;
        }

        @Override
        public Optional<Symbol> symbol(String name) {
            return symbols.stream().filter(s -> s.name().equals(name)).findFirst();
        }

        @Override
        public Optional<Symbol> symbolAt(long addr) {
            return symbols.stream().filter(s -> s.contains(addr)).findFirst();
        }
    };

    @Test
    void hexNeedsADigitOrThePrefixSoIdentifiersStaySymbols() {
        assertEquals(OptionalLong.of(0x8000_0000L), Locations.parseAddress("0x80000000"));
        assertEquals(OptionalLong.of(0x8000_0000L), Locations.parseAddress(" 80000000 "));
        assertEquals(OptionalLong.of(-1L), Locations.parseAddress("0xffffffffffffffff"));
        assertEquals(OptionalLong.empty(), Locations.parseAddress("deadbeef"));
        assertEquals(OptionalLong.empty(), Locations.parseAddress("0x1ffffffffffffffff"), "more than 64 bits");
        assertTrue(Locations.isSymbolName("deadbeef"));
        assertFalse(Locations.isSymbolName("12ab"));
    }

    @Test
    void resolvesSymbolsOffsetsAndAddresses() {
        assertEquals(0x8000_0100L, Locations.resolve("deadbeef", IMAGE));
        assertEquals(0x8000_0110L, Locations.resolve("deadbeef + 0x10", IMAGE));
        assertEquals(0xdead_beefL, Locations.resolve("0xdeadbeef", IMAGE));
    }

    @Test
    void badLocationsSayWhatIsWrong() {
        assertEquals("no symbol 'nothing' in k.elf",
                assertThrows(IllegalArgumentException.class, () -> Locations.resolve("nothing", IMAGE)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Locations.resolve("a b", IMAGE)).getMessage()
                .contains("neither an ELF symbol name nor a hex address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Locations.resolve("entry+zz", IMAGE))
                .getMessage().contains("not a hex offset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Locations.resolve("entry", null)).getMessage()
                .contains("no ELF image"));
    }

    @Test
    void labelsAreSymbolPlusOffsetInsideASymbolOnly() {
        assertEquals(Optional.of("entry"), Locations.symbolicName(0x8000_0000L, IMAGE));
        assertEquals(Optional.of("entry+0x1c"), Locations.symbolicName(0x8000_001cL, IMAGE));
        assertEquals(Optional.empty(), Locations.symbolicName(0x8000_0080L, IMAGE), "past a sized symbol's end");
        assertEquals(Optional.of("vector+0x54"), Locations.symbolicName(0x8000_0254L, IMAGE),
                "an assembly label of unknown size reaches to the next symbol");
        assertEquals(Optional.empty(), Locations.symbolicName(0x7000_0000L, IMAGE), "below every symbol");
        assertEquals("0x0000000080000000", Locations.hex(0x8000_0000L));
    }
}

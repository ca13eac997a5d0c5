package io.github.rnnserving.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static final String FULL_WIDTH_NAKAMURA = "Ｎａｋａｍｕｒａ";
    private static final String E_WITH_COMBINING_ACUTE = "e\u0301";

    @Test
    void defaultIsNfkc() {
        assertEquals(Normalization.NFKC, Normalization.DEFAULT);
    }

    @Test
    void nfkcFoldsFullWidthLatin() {
        assertEquals("Nakamura", Normalization.NFKC.apply(FULL_WIDTH_NAKAMURA));
    }

    @Test
    void nfcKeepsFullWidthLatin() {
        assertEquals(FULL_WIDTH_NAKAMURA, Normalization.NFC.apply(FULL_WIDTH_NAKAMURA));
    }

    @Test
    void composedFormsJoinCombiningAccent() {
        assertEquals("é", Normalization.NFC.apply(E_WITH_COMBINING_ACUTE));
        assertEquals("\u00e9", Normalization.NFKC.apply(E_WITH_COMBINING_ACUTE));
        assertEquals(1, Normalization.NFKC.apply(E_WITH_COMBINING_ACUTE).length());
    }

    @Test
    void decomposedFormsSplitAccent() {
        assertEquals(E_WITH_COMBINING_ACUTE, Normalization.NFD.apply("\u00e9"));
        assertEquals(E_WITH_COMBINING_ACUTE, Normalization.NFKD.apply("\u00e9"));
    }

    @Test
    void noneLeavesTextAlone() {
        assertEquals(E_WITH_COMBINING_ACUTE, Normalization.NONE.apply(E_WITH_COMBINING_ACUTE));
        assertEquals(FULL_WIDTH_NAKAMURA, Normalization.NONE.apply(FULL_WIDTH_NAKAMURA));
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> Normalization.NFKC.apply(null));
    }
}

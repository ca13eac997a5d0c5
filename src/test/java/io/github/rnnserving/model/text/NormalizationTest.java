package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static final String FULL_WIDTH_NAKAMURA = "Ｎａｋａｍｕｒａ";
    private static final String E_WITH_COMBINING_ACUTE = "e\u0301";

    @Test
    void defaultIsNfkc() {
        assertThat(Normalization.DEFAULT).isEqualTo(Normalization.NFKC);
    }

    @Test
    void nfkcFoldsFullWidthLatin() {
        assertThat(Normalization.NFKC.apply(FULL_WIDTH_NAKAMURA)).isEqualTo("Nakamura");
    }

    @Test
    void nfcKeepsFullWidthLatin() {
        assertThat(Normalization.NFC.apply(FULL_WIDTH_NAKAMURA)).isEqualTo(FULL_WIDTH_NAKAMURA);
    }

    @Test
    void composedFormsJoinCombiningAccent() {
        assertThat(Normalization.NFC.apply(E_WITH_COMBINING_ACUTE)).isEqualTo("é");
        assertThat(Normalization.NFKC.apply(E_WITH_COMBINING_ACUTE)).isEqualTo("\u00e9");
        assertThat(Normalization.NFKC.apply(E_WITH_COMBINING_ACUTE).length()).isEqualTo(1);
    }

    @Test
    void decomposedFormsSplitAccent() {
        assertThat(Normalization.NFD.apply("\u00e9")).isEqualTo(E_WITH_COMBINING_ACUTE);
        assertThat(Normalization.NFKD.apply("\u00e9")).isEqualTo(E_WITH_COMBINING_ACUTE);
    }

    @Test
    void noneLeavesTextAlone() {
        assertThat(Normalization.NONE.apply(E_WITH_COMBINING_ACUTE)).isEqualTo(E_WITH_COMBINING_ACUTE);
        assertThat(Normalization.NONE.apply(FULL_WIDTH_NAKAMURA)).isEqualTo(FULL_WIDTH_NAKAMURA);
    }

    @Test
    void nullIsRejected() {
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Normalization.NFKC.apply(null));
    }
}

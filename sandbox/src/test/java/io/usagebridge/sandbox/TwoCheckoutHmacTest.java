package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TwoCheckoutHmacTest {

    private static final List<String> PUBLISHED_VALUES = List.of("AVANGATE", "2010-05-13 12:12:12");

    @Test
    void publishedTestVectorGivesPublishedString() {
        assertEquals("8AVANGATE192010-05-13 12:12:12", TwoCheckoutHmac.signedString(PUBLISHED_VALUES));
    }

    @Test
    void publishedTestVectorGivesPublishedHash() {
        assertEquals("bf763db7d333e9c3038698cf59ada3e6", TwoCheckoutHmac.hash("SECRET_KEY", PUBLISHED_VALUES));
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        assertEquals("7Zürich0", TwoCheckoutHmac.signedString(List.of("Zürich", "")));
    }
}

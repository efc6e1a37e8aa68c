package io.usagebridge.targets.twocheckout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** 2Checkout's request hash: length-prefixed UTF-8 values, HMAC-MD5 with the secret key, lower-case hex. */
class TwoCheckoutHashSignerTest {

    private static final List<String> PUBLISHED_VALUES = List.of("AVANGATE", "2010-05-13 12:12:12");

    @Test
    void publishedVectorGivesThePublishedSignedString() {
        assertEquals("8AVANGATE192010-05-13 12:12:12", TwoCheckoutHashSigner.signedString(PUBLISHED_VALUES));
    }

    @Test
    void publishedVectorGivesThePublishedHash() {
        assertEquals("bf763db7d333e9c3038698cf59ada3e6", TwoCheckoutHashSigner.hash("SECRET_KEY", PUBLISHED_VALUES));
    }

    @Test
    void multiByteValueIsPrefixedWithItsUtf8ByteCountNotItsCharCount() {
        assertEquals("2é", TwoCheckoutHashSigner.signedString(List.of("é")));
        assertEquals("6€uro", TwoCheckoutHashSigner.signedString(List.of("€uro")));
        // HMAC-MD5("k", "2é") as computed by `openssl dgst -md5 -hmac k`
        assertEquals("bd1c541a60b00162f4e8c83b9b6b5f26", TwoCheckoutHashSigner.hash("k", List.of("é")));
    }

    @Test
    void missingValueIsSignedAsEmpty() {
        assertEquals("03abc", TwoCheckoutHashSigner.signedString(Arrays.asList(null, "abc")));
        assertEquals("03abc", TwoCheckoutHashSigner.signedString(List.of("", "abc")));
    }
}

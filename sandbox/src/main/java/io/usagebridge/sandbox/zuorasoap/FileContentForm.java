package io.usagebridge.sandbox.zuorasoap;

/** How an Import's FileContent reached the simulator. */
public enum FileContentForm {
    /** MTOM: an {@code xop:Include href="cid:..."} element naming a MIME part. */
    XOP_INCLUDE,
    /** Seed 001's form: the text {@code cid:NAME} naming a MIME part, without XOP. */
    CID_TEXT,
    /** The bytes as base64 text inside the element. */
    INLINE_BASE64
}

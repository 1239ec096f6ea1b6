package io.conveyor.extractor.source.file;

import java.nio.charset.Charset;

/** Which encodings the line-oriented sources can split into lines byte by byte. */
public final class LineEncodings {

    private LineEncodings() {
    }

    /** The charset, if a newline and a carriage return are the single bytes 0x0A and 0x0D in it. */
    public static Charset requireLineCompatible(String encoding, String path) {
        Charset charset = Charset.forName(encoding);
        byte[] newline = "\r\n".getBytes(charset);
        if (newline.length != 2 || newline[0] != '\r' || newline[1] != '\n') {
            throw new IllegalArgumentException("encoding " + encoding + " of " + path
                    + " is not supported: lines are split on the byte 0x0A, so the encoding must be ASCII-compatible");
        }
        return charset;
    }
}

package io.creditgate.gateway.metering;

import java.util.Base64;

/**
 * What an audio clip in a prompt ({@code input_audio}) costs in input tokens: an ESTIMATE from its duration.
 * OpenAI bills audio input by duration (its Realtime guide: one token per 100 ms of user audio) and publishes
 * no per-request formula for chat completions, so the gateway reads the clip's duration from its header and
 * charges 10 tokens a second, rounded up. Used only when the upstream reports no usage.
 */
public final class AudioTokens {

    /** One token per 100 ms of input audio. */
    static final int TOKENS_PER_SECOND = 10;

    /** A clip whose header cannot be read is assumed to be 128 kbit/s, a common MP3 rate. */
    static final int ASSUMED_BYTES_PER_SECOND = 128_000 / 8;

    /** Only the start of the clip is decoded to read its header. */
    private static final int HEADER_BASE64_CHARS = 8 * 1024;

    private static final int[] MPEG1_LAYER3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_LAYER3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    private AudioTokens() {
    }

    /**
     * Estimated input tokens of a base64 clip.
     *
     * @param base64 the clip ({@code input_audio.data}); null or empty counts zero
     * @param format {@code wav}, {@code mp3} or null (then the header decides)
     */
    public static long openAi(String base64, String format) {
        if (base64 == null || base64.isEmpty()) {
            return 0;
        }
        long bytes = decodedLength(base64);
        byte[] header = decodeStart(base64);
        double seconds = (double) bytes / bytesPerSecond(header, format);
        return (long) Math.ceil(seconds * TOKENS_PER_SECOND);
    }

    private static long bytesPerSecond(byte[] header, String format) {
        if (header.length >= 44 && header[0] == 'R' && header[1] == 'I' && header[8] == 'W' && header[9] == 'A') {
            long byteRate = (header[28] & 0xFFL) | (header[29] & 0xFFL) << 8 | (header[30] & 0xFFL) << 16
                    | (header[31] & 0xFFL) << 24;
            if (byteRate > 0) {
                return byteRate;
            }
        }
        if (!"wav".equals(format)) {
            int kbps = mp3Kbps(header);
            if (kbps > 0) {
                return kbps * 1000L / 8;
            }
        }
        return ASSUMED_BYTES_PER_SECOND;
    }

    /** The bit rate of the first MPEG layer III frame, after an ID3v2 tag if there is one; 0 when unknown. */
    private static int mp3Kbps(byte[] b) {
        int i = 0;
        if (b.length > 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            i = 10 + ((b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F));
        }
        for (; i + 2 < b.length; i++) {
            boolean sync = (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xE0) == 0xE0;
            boolean layer3 = ((b[i + 1] >> 1) & 0x03) == 0x01;
            if (sync && layer3) {
                int index = (b[i + 2] >> 4) & 0x0F;
                boolean mpeg1 = ((b[i + 1] >> 3) & 0x03) == 0x03;
                return index == 15 ? 0 : (mpeg1 ? MPEG1_LAYER3_KBPS : MPEG2_LAYER3_KBPS)[index];
            }
        }
        return 0;
    }

    private static long decodedLength(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return base64.length() / 4L * 3 - padding;
    }

    private static byte[] decodeStart(String base64) {
        int length = Math.min(base64.length(), HEADER_BASE64_CHARS) & ~3;
        try {
            return Base64.getDecoder().decode(base64.substring(0, length));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

package io.creditgate.gateway.metering;

import java.util.Base64;
import java.util.Optional;

/**
 * The pixel size of an image, read from the first bytes of its file (PNG, JPEG, GIF, WebP), without
 * decoding it: enough to price an image the way the providers do.
 */
public record ImageSize(int width, int height) {

    /**
     * JPEG metadata (EXIF, ICC profiles) may precede the frame header; 96 KiB of base64 (72 KiB of file)
     * covers it in practice and bounds the work per image.
     */
    private static final int MAX_BASE64_CHARS = 96 * 1024;

    public ImageSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image has at least one pixel each way");
        }
    }

    /** The size of an image sent inline as {@code data:<type>;base64,<data>}; empty for anything else. */
    public static Optional<ImageSize> ofDataUrl(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            return Optional.empty();
        }
        return ofBase64(url.substring(comma + 1));
    }

    /** The size of a base64-encoded image (Anthropic's {@code source.data}); empty when unreadable. */
    public static Optional<ImageSize> ofBase64(String base64) {
        int length = Math.min(base64.length(), MAX_BASE64_CHARS) & ~3;
        try {
            return of(Base64.getDecoder().decode(base64.substring(0, length)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The size in an image file's header; empty when the format is unknown or the header is cut short. */
    public static Optional<ImageSize> of(byte[] file) {
        try {
            if (startsWith(file, 0x89, 'P', 'N', 'G')) {
                return size(int32(file, 16), int32(file, 20));
            }
            if (startsWith(file, 0xFF, 0xD8)) {
                return jpeg(file);
            }
            if (startsWith(file, 'G', 'I', 'F', '8')) {
                return size(uint16le(file, 6), uint16le(file, 8));
            }
            if (startsWith(file, 'R', 'I', 'F', 'F') && file.length > 12 && file[8] == 'W' && file[9] == 'E'
                    && file[10] == 'B' && file[11] == 'P') {
                return webp(file);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // A header cut short (only the start of the file is decoded): size unknown.
        }
        return Optional.empty();
    }

    /** Walks the JPEG segments to the first start-of-frame marker, which holds height then width. */
    private static Optional<ImageSize> jpeg(byte[] file) {
        int i = 2;
        while (i + 9 < file.length) {
            if ((file[i] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = file[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return size(uint16be(file, i + 7), uint16be(file, i + 5));
            }
            i += 2 + uint16be(file, i + 2);
        }
        return Optional.empty();
    }

    private static Optional<ImageSize> webp(byte[] file) {
        String chunk = new String(file, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> size(1 + uint24le(file, 24), 1 + uint24le(file, 27));
            case "VP8 " -> size(uint16le(file, 26) & 0x3FFF, uint16le(file, 28) & 0x3FFF);
            case "VP8L" -> {
                int bits = (file[21] & 0xFF) | (file[22] & 0xFF) << 8 | (file[23] & 0xFF) << 16 | (file[24] & 0xFF) << 24;
                yield size(1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<ImageSize> size(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new ImageSize(width, height)) : Optional.empty();
    }

    private static boolean startsWith(byte[] file, int... prefix) {
        if (file.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((file[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static int uint16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int uint16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int uint24le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }
}

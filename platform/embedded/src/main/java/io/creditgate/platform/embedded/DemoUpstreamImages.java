package io.creditgate.platform.embedded;

import java.util.Base64;

import tools.jackson.databind.JsonNode;

/**
 * What an image in a prompt costs in tokens, as the providers bill it. The demo reads the size of PNG and
 * JPEG images sent inline ({@code data:} URLs, Anthropic's base64 sources); a remote image it cannot fetch
 * counts as 1024 x 1024.
 */
final class DemoUpstreamImages {

    private static final int ASSUMED_SIDE = 1024;

    private DemoUpstreamImages() {
    }

    /**
     * OpenAI's formula (gpt-4o family): low detail 85 tokens; otherwise fit into 2048 x 2048, scale the shortest
     * side down to 768, and charge 85 + 170 per 512-pixel tile. "auto" is treated as high.
     */
    static long openAiTokens(String url, String detail) {
        if (detail.equals("low")) {
            return 85;
        }
        int[] size = sizeOf(dataUrlBytes(url));
        double width = size[0];
        double height = size[1];
        double longest = Math.max(width, height);
        if (longest > 2048) {
            width = width * 2048 / longest;
            height = height * 2048 / longest;
        }
        double shortest = Math.min(width, height);
        if (shortest > 768) {
            width = width * 768 / shortest;
            height = height * 768 / shortest;
        }
        long tiles = (long) Math.ceil(width / 512) * (long) Math.ceil(height / 512);
        return 85 + 170 * tiles;
    }

    /** Anthropic's formula: long edge at most 1568 pixels, then width x height / 750, at most 1600. */
    static long anthropicTokens(JsonNode source) {
        byte[] bytes = source.path("type").asString("").equals("base64")
                ? decodePrefix(source.path("data").asString("")) : null;
        int[] size = sizeOf(bytes);
        double width = size[0];
        double height = size[1];
        double longest = Math.max(width, height);
        if (longest > 1568) {
            width = width * 1568 / longest;
            height = height * 1568 / longest;
        }
        return Math.min(1600, (long) Math.ceil(width * height / 750));
    }

    private static byte[] dataUrlBytes(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        return decodePrefix(url.substring(comma + 1));
    }

    private static byte[] decodePrefix(String base64) {
        try {
            return Base64.getDecoder().decode(base64.substring(0, Math.min(base64.length(), 65_536)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Width and height of a PNG or JPEG; 1024 x 1024 when unknown. */
    static int[] sizeOf(byte[] image) {
        if (image == null) {
            return new int[] {ASSUMED_SIDE, ASSUMED_SIDE};
        }
        if (image.length >= 24 && (image[0] & 0xFF) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return new int[] {int32(image, 16), int32(image, 20)};
        }
        if (image.length >= 4 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8) {
            int i = 2;
            while (i + 9 < image.length && (image[i] & 0xFF) == 0xFF) {
                int marker = image[i + 1] & 0xFF;
                int length = ((image[i + 2] & 0xFF) << 8) | (image[i + 3] & 0xFF);
                boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (startOfFrame) {
                    int height = ((image[i + 5] & 0xFF) << 8) | (image[i + 6] & 0xFF);
                    int width = ((image[i + 7] & 0xFF) << 8) | (image[i + 8] & 0xFF);
                    return new int[] {width, height};
                }
                i += 2 + length;
            }
        }
        return new int[] {ASSUMED_SIDE, ASSUMED_SIDE};
    }

    private static int int32(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }
}

package io.creditgate.gateway.metering;

/**
 * What an image in a prompt costs in input tokens, as the providers publish it. Used to reserve credits
 * before a call and to charge calls whose usage never comes back; when the upstream reports usage, that
 * is what is charged.
 */
public final class ImageTokens {

    /**
     * A remote image (an {@code https:} URL, an uploaded file id) is not fetched by the gateway: it counts
     * as a 1024 x 1024 image at high detail, the most common size of a photo or screenshot sent to a model.
     */
    public static final ImageSize ASSUMED_REMOTE_SIZE = new ImageSize(1024, 1024);

    private static final int OPENAI_BASE_TOKENS = 85;
    private static final int OPENAI_TILE_TOKENS = 170;
    private static final int ANTHROPIC_LONG_EDGE_MAX = 1568;
    private static final int ANTHROPIC_TOKENS_MAX = 1600;

    private ImageTokens() {
    }

    /**
     * OpenAI's tile formula (gpt-4o family): "low" detail costs 85 tokens; otherwise the image is scaled to
     * fit 2048 x 2048, then its shortest side down to 768 pixels, and costs 85 + 170 per 512-pixel tile.
     * "auto" (the default) is priced as high, the most it can cost.
     *
     * @param url a {@code data:} URL (its size is read from the file header) or a remote URL (assumed 1024 x 1024)
     * @param detail "low", "high", "auto", or null for auto
     */
    public static long openAi(String url, String detail) {
        if ("low".equals(detail)) {
            return OPENAI_BASE_TOKENS;
        }
        ImageSize size = url == null ? ASSUMED_REMOTE_SIZE : ImageSize.ofDataUrl(url).orElse(ASSUMED_REMOTE_SIZE);
        double width = size.width();
        double height = size.height();
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
        return OPENAI_BASE_TOKENS + OPENAI_TILE_TOKENS * tiles;
    }

    /**
     * Anthropic's formula: an image whose long edge exceeds 1568 pixels is scaled down to it, then costs
     * width x height / 750 tokens, at most about 1600.
     *
     * @param size the image's size, or null for a remote image (assumed 1024 x 1024)
     */
    public static long anthropic(ImageSize size) {
        ImageSize image = size != null ? size : ASSUMED_REMOTE_SIZE;
        double width = image.width();
        double height = image.height();
        double longest = Math.max(width, height);
        if (longest > ANTHROPIC_LONG_EDGE_MAX) {
            width = width * ANTHROPIC_LONG_EDGE_MAX / longest;
            height = height * ANTHROPIC_LONG_EDGE_MAX / longest;
        }
        return Math.min(ANTHROPIC_TOKENS_MAX, (long) Math.ceil(width * height / 750));
    }
}

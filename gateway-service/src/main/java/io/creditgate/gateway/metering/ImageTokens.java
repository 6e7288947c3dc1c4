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
    // gpt-4o-mini bills an image about 33 times gpt-4o's tokens (at a price 1/16 as high): published counts
    // 2833 for "low" and 2833 + 5667 per tile (openai-published-prompt-counts.json).
    private static final int GPT_4O_MINI_BASE_TOKENS = 2833;
    private static final int GPT_4O_MINI_TILE_TOKENS = 5667;
    // o1 and o3 (OpenAI's vision guide): 75 + 150 per tile; a community measurement shows o3 1 token under.
    private static final int O_SERIES_BASE_TOKENS = 75;
    private static final int O_SERIES_TILE_TOKENS = 150;
    private static final int PATCH_PIXELS = 32;
    private static final int PATCHES_MAX = 1536;
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
        return tiles(url, detail, OPENAI_BASE_TOKENS, OPENAI_TILE_TOKENS);
    }

    /**
     * What an image costs on a given OpenAI model: the tile formula with the model's own base and tile tokens
     * (gpt-4o, gpt-4.1 and older: 85 + 170 a tile; gpt-4o-mini: 2833 + 5667; o1, o3: 75 + 150), or, for the
     * models OpenAI bills by 32-pixel patches (gpt-4.1-mini, gpt-4.1-nano, o4-mini), the patches times the
     * model's multiplier. The patch models' counts are estimates: no published count pins their rounding.
     */
    public static long openAi(String model, String url, String detail) {
        String m = model.toLowerCase(java.util.Locale.ROOT);
        if (m.startsWith("gpt-4o-mini")) {
            return tiles(url, detail, GPT_4O_MINI_BASE_TOKENS, GPT_4O_MINI_TILE_TOKENS);
        }
        if (m.startsWith("gpt-4.1-mini")) {
            return patches(url, 1.62);
        }
        if (m.startsWith("gpt-4.1-nano")) {
            return patches(url, 2.46);
        }
        if (m.startsWith("o4-mini")) {
            return patches(url, 1.72);
        }
        if (m.startsWith("o1") || m.startsWith("o3")) {
            return tiles(url, detail, O_SERIES_BASE_TOKENS, O_SERIES_TILE_TOKENS);
        }
        return openAi(url, detail);
    }

    private static long tiles(String url, String detail, int baseTokens, int tileTokens) {
        if ("low".equals(detail)) {
            return baseTokens;
        }
        ImageSize size = sizeOf(url);
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
        return baseTokens + tileTokens * tiles;
    }

    /**
     * OpenAI's patch formula: 32 x 32 patches covering the image; beyond 1536 patches the image is scaled down
     * to fit 1536; the patches (at most 1536) times the model's multiplier.
     */
    private static long patches(String url, double multiplier) {
        ImageSize size = sizeOf(url);
        double width = size.width();
        double height = size.height();
        double patches = Math.ceil(width / PATCH_PIXELS) * Math.ceil(height / PATCH_PIXELS);
        if (patches > PATCHES_MAX) {
            double shrink = Math.sqrt(PATCH_PIXELS * PATCH_PIXELS * PATCHES_MAX / (width * height));
            shrink *= Math.min(Math.floor(width * shrink / PATCH_PIXELS) / (width * shrink / PATCH_PIXELS),
                    Math.floor(height * shrink / PATCH_PIXELS) / (height * shrink / PATCH_PIXELS));
            patches = Math.ceil(width * shrink / PATCH_PIXELS) * Math.ceil(height * shrink / PATCH_PIXELS);
        }
        return (long) Math.ceil(Math.min(patches, PATCHES_MAX) * multiplier);
    }

    private static ImageSize sizeOf(String url) {
        return url == null ? ASSUMED_REMOTE_SIZE : ImageSize.ofDataUrl(url).orElse(ASSUMED_REMOTE_SIZE);
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

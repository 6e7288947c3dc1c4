package io.creditgate.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImageTokensTest {

    /** The worked examples of OpenAI's vision guide ("Calculating costs"). */
    @Test
    void countsOpenAisPublishedExamples() throws Exception {
        // 1024 x 1024 high: 768 x 768, four tiles.
        assertThat(ImageTokens.openAi(dataUrl(1024, 1024, "png"), "high")).isEqualTo(765);
        // 2048 x 4096 high: 1024 x 2048, then 768 x 1536, six tiles.
        assertThat(ImageTokens.openAi(pngHeaderDataUrl(2048, 4096), "high")).isEqualTo(1105);
        // 4096 x 8192 low: 85 whatever the size.
        assertThat(ImageTokens.openAi(pngHeaderDataUrl(4096, 8192), "low")).isEqualTo(85);
        assertThat(ImageTokens.openAi(pngHeaderDataUrl(4096, 8192), "high")).isEqualTo(1105);
    }

    @Test
    void smallImagesAreNotScaledUp() throws Exception {
        assertThat(ImageTokens.openAi(dataUrl(300, 200, "jpg"), "auto")).isEqualTo(85 + 170);
        assertThat(ImageTokens.openAi(dataUrl(513, 200, "png"), null)).isEqualTo(85 + 2 * 170);
    }

    @Test
    void aRemoteImageCountsAsAHighDetail1024Square() {
        assertThat(ImageTokens.openAi("https://example.com/cat.png", "auto")).isEqualTo(765);
        assertThat(ImageTokens.openAi("data:image/png;base64,not-an-image", "high")).isEqualTo(765);
        assertThat(ImageTokens.openAi(null, null)).isEqualTo(765);
    }

    @Test
    void countsAnthropicsPixelsOver750WithTheLongEdgeCapped() {
        assertThat(ImageTokens.anthropic(new ImageSize(1000, 1000))).isEqualTo(1334);
        assertThat(ImageTokens.anthropic(new ImageSize(200, 150))).isEqualTo(40);
        // 3136 x 1568 is scaled to 1568 x 784: 1639 tokens, capped at about 1600.
        assertThat(ImageTokens.anthropic(new ImageSize(3136, 1568))).isEqualTo(1600);
        assertThat(ImageTokens.anthropic(null)).isEqualTo(1399);
    }

    @Test
    void readsTheSizeOfPngJpegGifAndWebpHeaders() throws Exception {
        assertThat(ImageSize.of(image(640, 480, "png"))).contains(new ImageSize(640, 480));
        assertThat(ImageSize.of(image(33, 2100, "jpg"))).contains(new ImageSize(33, 2100));
        assertThat(ImageSize.of(image(17, 9, "gif"))).contains(new ImageSize(17, 9));
        assertThat(ImageSize.of(webpLossless(300, 120))).contains(new ImageSize(300, 120));
        assertThat(ImageSize.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
        assertThat(ImageSize.of("plain text".getBytes())).isEmpty();
        assertThat(ImageSize.ofDataUrl("https://example.com/a.png")).isEmpty();
    }

    private static String dataUrl(int width, int height, String format) throws Exception {
        return "data:image/" + format + ";base64," + Base64.getEncoder().encodeToString(image(width, height, format));
    }

    @Test
    void usesEachModelsOwnImageTokens() {
        // gpt-4o-mini: 2833 + 5667 a tile (published counts in openai-published-prompt-counts.json).
        assertThat(ImageTokens.openAi("gpt-4o-mini", pngHeaderDataUrl(1, 1), "low")).isEqualTo(2833);
        assertThat(ImageTokens.openAi("gpt-4o-mini-2024-07-18", pngHeaderDataUrl(1126, 488), "auto")).isEqualTo(2833 + 3 * 5667);
        assertThat(ImageTokens.openAi("gpt-4.1", pngHeaderDataUrl(1126, 488), "auto")).isEqualTo(85 + 3 * 170);
        assertThat(ImageTokens.openAi("o3", pngHeaderDataUrl(512, 512), "high")).isEqualTo(75 + 150);
    }

    @Test
    void countsPatchModelsByThirtyTwoPixelPatchesTimesTheirMultiplier() {
        assertThat(ImageTokens.openAi("gpt-4.1-mini", pngHeaderDataUrl(1024, 1024), "high")).isEqualTo(1659); // 1024 x 1.62
        assertThat(ImageTokens.openAi("gpt-4.1-nano", pngHeaderDataUrl(64, 64), "low")).isEqualTo(10); // 4 x 2.46
        // 1800 x 2400 is 4200 patches: scaled down to 1452 patches (OpenAI's vision guide example), x 1.72.
        assertThat(ImageTokens.openAi("o4-mini", pngHeaderDataUrl(1800, 2400), "high")).isEqualTo((long) Math.ceil(1452 * 1.72));
    }

    /** Only the start of a PNG file (signature and IHDR chunk): all the gateway reads of it. */
    private static String pngHeaderDataUrl(int width, int height) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(33);
        header.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        header.putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0, 0, 0, 0, 0});
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(header.array());
    }

    private static byte[] image(int width, int height, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    /** The first bytes of a lossless WebP file: RIFF header, VP8L chunk, signature, 14-bit sizes minus one. */
    private static byte[] webpLossless(int width, int height) {
        byte[] file = new byte[30];
        System.arraycopy("RIFF".getBytes(), 0, file, 0, 4);
        System.arraycopy("WEBPVP8L".getBytes(), 0, file, 8, 8);
        file[20] = 0x2F;
        int bits = (width - 1) | (height - 1) << 14;
        file[21] = (byte) bits;
        file[22] = (byte) (bits >> 8);
        file[23] = (byte) (bits >> 16);
        file[24] = (byte) (bits >> 24);
        return file;
    }
}

package io.creditgate.platform.embedded;

import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The made-up but deterministic answer of the demo model: it quotes the start of the last user
 * message, then talks about what it is. Cut at {@code max_tokens} like a real model, with
 * {@code finish_reason} "length".
 *
 * @param text the whole answer
 * @param pieces the answer in streamed pieces (a word with its leading space each)
 * @param tokens completion tokens the answer costs
 * @param finishReason "stop", or "length" when cut by max_tokens
 */
record DemoAnswer(String text, List<String> pieces, int tokens, String finishReason) {

    private static final String TALK = "This answer comes from the Creditgate demo upstream, which speaks the"
            + " OpenAI wire format without calling a real model. The words are made up, but the token counts"
            + " are real: the gateway meters them, prices them per model and charges them to your credits,"
            + " exactly as it would for a paid model. Ask again to see your balance go down.";
    private static final int QUOTE_CHARS = 80;

    static DemoAnswer of(DemoUpstream.ChatRequest request, int maxWords) {
        String full = limitWords("You said: \"" + quote(lastUserText(request.messages())) + "\". " + TALK, maxWords);
        Encoding encoding = DemoTokens.encodingFor(request.model());
        IntArrayList tokens = encoding.encodeOrdinary(full);
        if (request.maxTokens() != null && tokens.size() > request.maxTokens()) {
            IntArrayList kept = new IntArrayList(request.maxTokens());
            for (int i = 0; i < request.maxTokens(); i++) {
                kept.add(tokens.get(i));
            }
            String cut = encoding.decode(kept);
            return new DemoAnswer(cut, pieces(cut), request.maxTokens(), "length");
        }
        return new DemoAnswer(full, pieces(full), tokens.size(), "stop");
    }

    private static String limitWords(String text, int maxWords) {
        String[] words = text.split(" ");
        return words.length <= maxWords ? text : String.join(" ", java.util.Arrays.copyOf(words, maxWords));
    }

    private static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE_CHARS ? oneLine : oneLine.substring(0, QUOTE_CHARS) + "…";
    }

    private static String lastUserText(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if (message.path("role").asString("").equals("user")) {
                JsonNode content = message.path("content");
                last = content.isString() ? content.asString() : content.toString();
            }
        }
        return last;
    }

    /** Splits after each word so that joining the pieces gives the text back exactly. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}

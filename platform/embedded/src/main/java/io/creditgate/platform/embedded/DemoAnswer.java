package io.creditgate.platform.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The made-up but deterministic answer of the demo model, the same in every wire format: it quotes the start
 * of the last user text, then talks about what it is; or, when asked to use a tool, calls it with that quote
 * as its argument. Hidden reasoning comes first when the options ask for it. Cut at the output limit like a
 * real model (reasoning counts against the limit, as OpenAI counts it).
 *
 * @param text the visible text (empty for a tool call)
 * @param pieces the text in streamed pieces (a word with its leading space each)
 * @param textTokens output tokens of the text
 * @param toolCall the tool call made instead of a text answer, or null
 * @param reasoningTokens hidden reasoning tokens spent before answering
 * @param cut true when the output limit cut the answer short
 */
record DemoAnswer(String text, List<String> pieces, int textTokens, ToolCall toolCall, int reasoningTokens,
                  boolean cut) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TALK = "This answer comes from the Creditgate demo upstream, which speaks the"
            + " OpenAI wire format without calling a real model. The words are made up, but the token counts"
            + " are real: the gateway meters them, prices them per model and charges them to your credits,"
            + " exactly as it would for a paid model. Ask again to see your balance go down.";
    private static final int QUOTE_CHARS = 80;

    /**
     * What the demo is asked.
     *
     * @param model the model, which chooses the encoding
     * @param userText the last user text of the prompt
     * @param maxOutputTokens the output limit, or null for none
     * @param toolName the tool to call, or null to answer in text
     */
    record Ask(String model, String userText, Integer maxOutputTokens, String toolName) {
    }

    /**
     * A call of a tool.
     *
     * @param id the call's id ({@code call_…}; Anthropic formats use their own prefix)
     * @param name the tool's name
     * @param arguments the arguments as JSON text (possibly cut short by the output limit)
     * @param argumentPieces the arguments in streamed pieces
     * @param tokens output tokens of the call: its name and its arguments
     */
    record ToolCall(String id, String name, String arguments, List<String> argumentPieces, int tokens) {
    }

    static DemoAnswer of(Ask ask, DemoUpstream.Options options) {
        Encoding encoding = DemoTokens.encodingFor(ask.model());
        int budget = ask.maxOutputTokens() == null ? Integer.MAX_VALUE : ask.maxOutputTokens();
        int reasoning = Math.min(options.reasoningTokens(), budget);
        budget -= reasoning;
        if (ask.toolName() != null) {
            String arguments = JSON.writeValueAsString(JSON.createObjectNode().put("request", quote(ask.userText())));
            int nameTokens = encoding.countTokensOrdinary(ask.toolName());
            Cut cutArguments = cut(encoding, arguments, Math.max(0, budget - nameTokens));
            ToolCall call = new ToolCall("call_" + shortId(), ask.toolName(), cutArguments.text(),
                    chunks(cutArguments.text(), 8), nameTokens + cutArguments.tokens());
            return new DemoAnswer("", List.of(), 0, call, reasoning, cutArguments.cut());
        }
        String full = limitWords("You said: \"" + quote(ask.userText()) + "\". " + TALK, options.answerWords());
        Cut text = cut(encoding, full, budget);
        return new DemoAnswer(text.text(), pieces(text.text()), text.tokens(), null, reasoning, text.cut());
    }

    /** All output tokens: reasoning, text and tool call. */
    int outputTokens() {
        return reasoningTokens + textTokens + (toolCall != null ? toolCall.tokens() : 0);
    }

    /**
     * Output tokens of what went out once the first {@code piecesSent} streamed pieces (text, or the tool call's
     * arguments) were written: the reasoning (spent before anything was sent), the tool's name, and those pieces;
     * all of {@link #outputTokens()} once every piece was written.
     */
    int outputTokensSent(String model, int piecesSent) {
        List<String> all = toolCall != null ? toolCall.argumentPieces() : pieces;
        if (piecesSent >= all.size()) {
            return outputTokens();
        }
        Encoding encoding = DemoTokens.encodingFor(model);
        int sent = encoding.countTokensOrdinary(String.join("", all.subList(0, piecesSent)));
        int name = toolCall != null ? encoding.countTokensOrdinary(toolCall.name()) : 0;
        return Math.min(outputTokens(), reasoningTokens + name + sent);
    }

    static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private record Cut(String text, int tokens, boolean cut) {
    }

    private static Cut cut(Encoding encoding, String text, int maxTokens) {
        IntArrayList tokens = encoding.encodeOrdinary(text);
        if (tokens.size() <= maxTokens) {
            return new Cut(text, tokens.size(), false);
        }
        IntArrayList kept = new IntArrayList(maxTokens);
        for (int i = 0; i < maxTokens; i++) {
            kept.add(tokens.get(i));
        }
        return new Cut(encoding.decode(kept), maxTokens, true);
    }

    private static String limitWords(String text, int maxWords) {
        String[] words = text.split(" ");
        return words.length <= maxWords ? text : String.join(" ", Arrays.copyOf(words, maxWords));
    }

    private static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE_CHARS ? oneLine : oneLine.substring(0, QUOTE_CHARS) + "…";
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

    /** Cuts text into pieces of about {@code size} characters, never inside a surrogate pair. */
    private static List<String> chunks(String text, int size) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }
}

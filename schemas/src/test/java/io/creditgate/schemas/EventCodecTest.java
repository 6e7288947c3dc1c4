package io.creditgate.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.GrantCategory;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static UsageRecorded usage() {
        return UsageRecorded.newBuilder()
                .setEventId("5f0c6a4e-0000-4000-8000-000000000001").setOccurredAt(Instant.ofEpochMilli(1_764_000_000_000L))
                .setUserId("user-1").setModel("gpt-4o-mini").setEndpoint("chat.completions")
                .setPromptTokens(124).setCachedPromptTokens(0).setCompletionTokens(40).setReasoningTokens(0)
                .setCostCredits(43).setUsageSource(UsageSource.EXACT).setStream(true)
                .setOutcome(CallOutcome.COMPLETED).setRequestId("req-1").setLatencyMs(812).build();
    }

    @Test
    void roundTripsAnEventWithTheSingleObjectHeader() {
        byte[] bytes = Topics.USAGE_EVENTS.codec().encode(usage());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(Topics.USAGE_EVENTS.codec().decode(bytes)).isEqualTo(usage());
    }

    @Test
    void oneTopicCarriesSeveralEventTypesTellingThemApartByFingerprint() {
        EventCodec codec = Topics.ACCOUNT_EVENTS.codec();
        AccountOpened opened = new AccountOpened("e1", Instant.ofEpochMilli(1), "u", 1_000_000L);
        CreditsGranted granted = CreditsGranted.newBuilder().setEventId("e2").setOccurredAt(Instant.ofEpochMilli(2))
                .setUserId("u").setAmountCredits(5L).setReason("gift").setActor("admin").build();
        assertThat(codec.decode(codec.encode(opened))).isEqualTo(opened);
        assertThat(codec.decode(codec.encode(granted))).isEqualTo(granted);
    }

    @Test
    void refusesToEncodeATypeTheTopicDoesNotCarry() {
        assertThatThrownBy(() -> Topics.USAGE_EVENTS.codec().encode(new AccountOpened("e", Instant.EPOCH, "u", 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AccountOpened");
    }

    @Test
    void namesWhatIsWrongWithBytesItCannotRead() {
        EventCodec codec = Topics.USAGE_EVENTS.codec();
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("single-object");
        byte[] foreign = codec.encode(usage());
        foreign[5] ^= 0x7F;
        assertThatThrownBy(() -> codec.decode(foreign))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("unknown writer schema");
        byte[] truncated = java.util.Arrays.copyOf(codec.encode(usage()), 14);
        assertThatThrownBy(() -> codec.decode(truncated))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void thePaymentTopicCarriesPurchasesAndRefunds() {
        EventCodec codec = Topics.PAYMENT_EVENTS.codec();
        CreditsPurchased purchased = CreditsPurchased.newBuilder().setEventId("evt_1").setOccurredAt(Instant.ofEpochMilli(3))
                .setUserId("u").setPurchaseId("cs_1").setAmountCredits(5_000_000L).setPaidAmountMinor(500).build();
        CreditsRefunded refunded = CreditsRefunded.newBuilder().setEventId("evt_2").setOccurredAt(Instant.ofEpochMilli(4))
                .setUserId("u").setPurchaseId("cs_1").setRefundId("re_1").setAmountCredits(5_000_000L).build();
        assertThat(codec.decode(codec.encode(purchased))).isEqualTo(purchased);
        assertThat(codec.decode(codec.encode(refunded))).isEqualTo(refunded);
        assertThat(purchased.getCurrency()).isEqualTo("usd");
        assertThat(Topics.ALL).contains(Topics.PAYMENT_EVENTS);
        assertThat(Topics.PAYMENT_EVENTS.name()).isEqualTo("creditgate.payment-events");
    }

    @Test
    void aGrantWrittenBeforeCategoriesReadsAsAPromotionalGrantWithoutExpiry() throws Exception {
        org.apache.avro.Schema v1 = EventCodec.SchemaHistory.of("CreditsGranted").get(0);
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericRecordBuilder(v1)
                .set("eventId", "g1").set("occurredAt", 5L).set("userId", "u").set("amountCredits", 7L)
                .set("reason", "gift").set("actor", "admin").build();
        java.nio.ByteBuffer bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v1).encode(old);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);

        CreditsGranted granted = (CreditsGranted) Topics.ACCOUNT_EVENTS.codec().decode(array);

        assertThat(granted.getCategory()).isEqualTo(GrantCategory.PROMOTIONAL);
        assertThat(granted.getExpiresAt()).isNull();
        assertThat(granted.getPriority()).isEqualTo(100);
    }

    @Test
    void serdeLeavesTombstonesAlone() {
        assertThat(Topics.USAGE_EVENTS.values().serializer().serialize("t", null)).isNull();
        assertThat(Topics.USAGE_EVENTS.values().deserializer().deserialize("t", null)).isNull();
    }
}

package io.creditgate.alert.detection;

import io.creditgate.schemas.event.AccountBalanceChanged;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each user's AccountBalanceChanged into {@link ThresholdState} and forwards every crossing and
 * resolution at once. Crossings are forwarded by this processor, never read off a KTable's update stream,
 * so no record cache can merge two updates and hide the one in between.
 */
final class ThresholdDetector implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String STORE = "threshold-state";
    private static final Logger log = LoggerFactory.getLogger(ThresholdDetector.class);

    private final ThresholdEvaluator evaluator;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ThresholdState> states;

    ThresholdDetector(ThresholdEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        // The account topic also carries AccountOpened and CreditsGranted; only the balance after a change matters.
        if (!(record.value() instanceof AccountBalanceChanged change)) {
            return;
        }
        String userId = change.getUserId();
        ThresholdEvaluator.Outcome outcome = evaluator.evaluate(states.get(userId), change);
        if (outcome == null) {
            log.debug("Ignored account change {} of {} (version {}): duplicate or stale",
                    change.getEventId(), userId, change.getVersion());
            return;
        }
        states.put(userId, outcome.state());
        for (SpecificRecord event : outcome.events()) {
            context.forward(new Record<>(userId, event, record.timestamp()));
        }
    }
}

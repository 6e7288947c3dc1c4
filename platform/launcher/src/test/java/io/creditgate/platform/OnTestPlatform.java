package io.creditgate.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the one shared {@link TestPlatform}, from any package (the attack suite lives
 * in {@code io.creditgate.platform.attacks}; the platform's own types stay package-private).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestPlatform.class)
public @interface OnTestPlatform {
}

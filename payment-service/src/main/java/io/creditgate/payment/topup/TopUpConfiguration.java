package io.creditgate.payment.topup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Auto top-up's settings, and the scheduler its recovery of pending top-ups runs on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopUpProperties.class)
@EnableScheduling
class TopUpConfiguration {
}

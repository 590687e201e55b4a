/**
 * What every module leans on and no module owns as business: deployment settings, the clock and id
 * generator, phone numbers, problem-details wiring, the embedded-database defaults, Redis wiring, the
 * scheduler for blocking calls, and send rates shared across instances ({@link io.baifang.shared.SendRates}:
 * Bucket4j token buckets in Redis with {@code baifang.send-rates=redis}, in the JVM otherwise).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.baifang.shared;

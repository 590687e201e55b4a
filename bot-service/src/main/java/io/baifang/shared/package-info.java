/**
 * What every module leans on and no module owns as business: deployment settings, the clock and id
 * generator, phone numbers, problem-details wiring, the embedded-database defaults, Redis wiring, and
 * the scheduler for blocking calls.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.baifang.shared;

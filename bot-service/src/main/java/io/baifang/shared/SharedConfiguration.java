package io.baifang.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator(Clock clock) {
        return new TimeOrderedIdGenerator(clock);
    }

    /**
     * The one place blocking work runs (file parsing, encryption of large batches, blocking SDKs): a
     * bounded pool sized for I/O, never the event loop.
     */
    @Bean(destroyMethod = "dispose")
    BlockingWork blockingWork() {
        Scheduler scheduler = Schedulers.newBoundedElastic(
                Math.max(8, Runtime.getRuntime().availableProcessors() * 4), 10_000, "baifang-blocking");
        return new BlockingWork(scheduler);
    }
}

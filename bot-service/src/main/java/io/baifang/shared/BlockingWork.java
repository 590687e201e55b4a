package io.baifang.shared;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs blocking calls off the event loop, on a bounded scheduler shared by the whole service. */
public final class BlockingWork {

    private final Scheduler scheduler;

    BlockingWork(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public <T> Mono<T> call(Callable<T> blockingCall) {
        return Mono.fromCallable(blockingCall).subscribeOn(scheduler);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    void dispose() {
        scheduler.dispose();
    }
}

package io.baifang.contactpolicy;

/**
 * Another instance sharing the counters is rebuilding them (it holds the recovery lock), or took the lock
 * over from this one. Not a failure: marketing stays paused and {@link CounterRecovery} asks again shortly,
 * by which time the other instance has usually set the markers.
 */
final class RecoveryRunningElsewhereException extends RuntimeException {

    RecoveryRunningElsewhereException(String message) {
        super(message, null, false, false);
    }
}

package io.baifang.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real PostgreSQL or Redis. When the server is unreachable the class is
 * skipped with the reason printed, except under {@code CI=true}, where that is a failure: CI must
 * exercise the real servers, never skip them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServerCondition.class)
public @interface RequiresServer {

    RealServer[] value();
}

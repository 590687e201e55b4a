package io.baifang.contactpolicy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules are plain Java (ARCHITECTURE rule 2): no Spring, Reactor, Lettuce or Netty in them. Only the
 * edge classes listed here may use those; any new class is a rule class until it is listed.
 */
class ContactRulesArchitectureTests {

    private static final Set<String> EDGE = Set.of(
            "ContactCounters", "JvmContactCounters", "RedisContactCounters", "CounterKeys",
            "ContactPolicy", "CounterRecovery", "ContactPolicyConfiguration",
            // the integration: the gate every send path calls, the log in the database, the API, the schedule
            "ContactGate", "ContactLog", "ContactsController", "CounterRecoverySchedule",
            // the HTTP answer every API gives to a refused contact
            "ContactRefusals");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.baifang.contactpolicy");

    private static final DescribedPredicate<JavaClass> RULE_CLASSES = DescribedPredicate.describe(
            "rule classes of the contact policy",
            type -> !EDGE.contains(outermost(type).getSimpleName()));

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void rulesStayFreeOfSpringReactorAndRedis() {
        noClasses().that(RULE_CLASSES)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "reactor..", "io.lettuce..", "io.netty..")
                .check(classes);
    }

    @Test
    void rulesNeverReadTheClockThemselves() {
        noClasses().that(RULE_CLASSES)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(classes);
    }
}

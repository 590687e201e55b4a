package io.baifang.campaigns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The campaign rules are plain Java (ARCHITECTURE rule 2): the lifecycle, the definition check, the
 * assignment, the schedule, the pace, what a send's result makes of a recipient. Only the edge classes listed
 * here may use Spring or Reactor; any new class is a rule class until it is listed.
 */
class CampaignRulesArchitectureTests {

    private static final Set<String> EDGE = Set.of(
            "Campaigns", "CampaignStore", "CampaignDispatcher", "CampaignRunner", "RecipientDeliveries",
            "CampaignEstimates", "CampaignsController", "CampaignsConfiguration", "CampaignsProperties",
            "InvalidCampaignException", "ReplyAttribution", "AudienceQueries", "RecipientCounting", "CampaignHolds",
            "CampaignHoldStore");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.baifang.campaigns");

    private static final DescribedPredicate<JavaClass> RULE_CLASSES = DescribedPredicate.describe(
            "rule classes of campaigns", type -> !EDGE.contains(outermost(type).getSimpleName()));

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void rulesStayFreeOfSpringAndReactor() {
        noClasses().that(RULE_CLASSES)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                .check(classes);
    }

    @Test
    void rulesNeverReadTheClockThemselves() {
        noClasses().that(RULE_CLASSES)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .check(classes);
    }
}

package io.baifang.templates;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The templates, the renderer and the encoding are plain Java: only the adapters know Spring and Reactor. */
class TemplatesArchitectureTests {

    private static final JavaClasses TEMPLATES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.baifang.templates");

    @Test
    void theModelTheRendererAndTheEncodingDependOnNeitherSpringNorReactor() {
        noClasses()
                .that(not(belongToAnyOf(TemplatesController.class, TemplatesConfiguration.class,
                        TemplatesProperties.class)))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                .because("rendering and counting are pure rules, reused by campaigns and conversations without a"
                        + " Spring context")
                .check(TEMPLATES);
    }

    @Test
    void onlyTheControllerKnowsWhoIsCalling() {
        noClasses()
                .that(not(belongToAnyOf(TemplatesController.class)))
                .should().dependOnClassesThat().resideInAnyPackage("io.baifang.security..")
                .check(TEMPLATES);
    }
}

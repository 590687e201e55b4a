package io.baifang.replies;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The reader is plain Java: only its Spring adapters (the controller and the configuration) know Spring. */
class ReplyReaderArchitectureTests {

    private static final JavaClasses REPLIES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.baifang.replies");

    @Test
    void theReaderDependsOnNeitherSpringNorReactor() {
        noClasses()
                .that(not(belongToAnyOf(RepliesController.class, ReplyReaderConfiguration.class)))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                .because("reply understanding is a pure rule, tested and reused without a Spring context")
                .check(REPLIES);
    }

    @Test
    void theAdaptersAreTheOnlySpringClassesAndTheyExist() {
        org.assertj.core.api.Assertions.assertThat(REPLIES.contain(RepliesController.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(REPLIES.contain(ReplyReaderConfiguration.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(REPLIES.contain(ReplyReader.class)).isTrue();
    }
}

package io.baifang.channels.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated gateway is the embedded default's SMS provider and off in production, unless the profile
 * {@code simulator} is added to {@code prod} (what the campaign benchmark does); its API stays off in
 * production either way. Read from the components' profiles, without starting them.
 */
class SimulatorProfilesTests {

    @ParameterizedTest(name = "profiles [{0}]: gateway {1}, API {2}")
    @CsvSource({
            "'',               true,  true",
            "prod,             false, false",
            "'prod,simulator', true,  false",
    })
    void theSimulatedGatewayRunsOutsideProductionOrWhenTheSimulatorProfileIsAdded(String profiles, boolean gateway,
                                                                                    boolean api) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().setActiveProfiles(profiles.isBlank() ? new String[0] : profiles.split(","));
            new AnnotatedBeanDefinitionReader(context)
                    .register(SimulatedSmsGateway.class, SimulatedPhones.class, SimulatorController.class);

            assertThat(context.getBeanFactory().getBeanNamesForType(SimulatedSmsGateway.class)).hasSize(gateway ? 1 : 0);
            assertThat(context.getBeanFactory().getBeanNamesForType(SimulatedPhones.class)).hasSize(gateway ? 1 : 0);
            assertThat(context.getBeanFactory().getBeanNamesForType(SimulatorController.class)).hasSize(api ? 1 : 0);
        }
    }
}

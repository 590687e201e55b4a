package io.baifang.campaigns;

import org.springframework.test.context.TestPropertySource;

/** The campaign contract on the embedded default: H2 in a fresh data directory, counters in the JVM. */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/campaigns-${random.uuid}")
class EmbeddedCampaignsApiTests extends CampaignsApiContract {
}

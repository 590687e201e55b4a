package io.baifang.campaigns;

import io.baifang.branches.BranchNetwork;
import io.baifang.shared.BaifangProperties;
import io.baifang.templates.MessageTemplates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Thin wiring: the definition check is plain Java, given the templates, the branches and the zone. */
@Configuration(proxyBeanMethods = false)
class CampaignsConfiguration {

    @Bean
    CampaignDefinitionCheck campaignDefinitionCheck(MessageTemplates templates, BranchNetwork branches,
                                                    BaifangProperties baifang) {
        return new CampaignDefinitionCheck(templates, branches, baifang.zone());
    }
}

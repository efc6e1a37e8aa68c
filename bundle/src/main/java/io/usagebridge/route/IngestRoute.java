package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.intake.IntakeTemplates;

/**
 * {@code direct:ingest}, where every intake (folder, SFTP, a user's own) hands its files: receive and
 * fingerprint, split by target, deliver each target's slice, then decide the original's outcome.
 */
public class IngestRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:ingest").routeId("ingest")
                .routeConfigurationId(ErrorHandlingConfiguration.ID)
                .process("sourceIntake")
                .bean(IntakeTemplates.FILE_TURNS_BEAN, "fingerprinted")
                .setProperty(ExchangeKeys.STAGE, constant("split"))
                .process("splitByTarget")
                .split(body())
                    .setProperty(ExchangeKeys.TARGET, simple("${body.target}"))
                    .to("direct:deliver")
                .end()
                .removeProperty(ExchangeKeys.TARGET)
                .setProperty(ExchangeKeys.STAGE, constant("finalise"))
                .process("sourceFinaliser");
    }
}

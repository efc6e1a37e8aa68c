package io.usagebridge.targets.zuora.rest;

import java.util.List;

import org.apache.camel.RoutesBuilder;

import io.usagebridge.plugin.TargetPlugin;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.plugin.TargetType;

/** Zuora's REST uploads as a plug-in: usage ({@code zuora-rest-usage}) and mass actions ({@code zuora-rest-bulk}). */
public final class ZuoraRestPlugin implements TargetPlugin {

    @Override
    public List<TargetType> types() {
        return List.of(new ZuoraRestTarget(ZuoraRestKind.BULK), new ZuoraRestTarget(ZuoraRestKind.USAGE));
    }

    @Override
    public List<Class<? extends RoutesBuilder>> routes() {
        return List.of(ZuoraRestRoutes.class);
    }

    @Override
    public void bind(TargetServices services) {
        services.registry().bind("zuoraErrorMapper", new ZuoraErrorMapper(services.classifier()));
    }
}

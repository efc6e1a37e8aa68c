package io.usagebridge.targets.zuora.soap;

import java.util.List;

import org.apache.camel.RoutesBuilder;

import io.usagebridge.plugin.TargetPlugin;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.plugin.TargetType;

/** Zuora's SOAP usage import as a plug-in: the {@code zuora-soap-import} type, its calls and its Import lookup. */
public final class ZuoraSoapPlugin implements TargetPlugin {

    @Override
    public List<TargetType> types() {
        return List.of(new ZuoraSoapImportTarget());
    }

    @Override
    public List<Class<? extends RoutesBuilder>> routes() {
        return List.of(ZuoraSoapRoutes.class, ZuoraSoapLookupRoutes.class);
    }

    @Override
    public void bind(TargetServices services) {
        services.registry().bind("zuoraImportChunker", new ZuoraImportChunker(services.catalog(),
                services.chunker()));
    }
}

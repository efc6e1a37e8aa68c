package io.usagebridge.targets.twocheckout;

import java.util.List;

import org.apache.camel.RoutesBuilder;

import io.usagebridge.plugin.TargetPlugin;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.plugin.TargetType;

/** 2Checkout's usage upload receiver as a plug-in: the {@code twocheckout-usage} type and its route template. */
public final class TwoCheckoutPlugin implements TargetPlugin {

    @Override
    public List<TargetType> types() {
        return List.of(new TwoCheckoutUsageTarget());
    }

    @Override
    public List<Class<? extends RoutesBuilder>> routes() {
        return List.of(TwoCheckoutTargetTemplate.class);
    }

    @Override
    public void bind(TargetServices services) {
        services.registry().bind("twoCheckoutReplyReader", new TwoCheckoutReplyReader());
    }
}

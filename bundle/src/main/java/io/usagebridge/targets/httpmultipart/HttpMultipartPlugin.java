package io.usagebridge.targets.httpmultipart;

import java.util.List;

import org.apache.camel.RoutesBuilder;

import io.usagebridge.plugin.TargetPlugin;
import io.usagebridge.plugin.TargetType;

/**
 * A generic receiver of multipart/form-data uploads with an MD5 as a plug-in: the {@code http-multipart} type and
 * its route template. Its beans are made per target by the template; no tables, no status to follow.
 */
public final class HttpMultipartPlugin implements TargetPlugin {

    @Override
    public List<TargetType> types() {
        return List.of(new HttpMultipartTarget());
    }

    @Override
    public List<Class<? extends RoutesBuilder>> routes() {
        return List.of(HttpMultipartTargetTemplate.class);
    }
}

package io.usagebridge.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;

import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

import io.usagebridge.intake.FolderSourceTemplate;
import io.usagebridge.intake.SftpSourceTemplate;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.route.IngestRoute;
import io.usagebridge.route.RemoteStatusRoutes;
import io.usagebridge.route.UsageBridgeWiring;
import io.usagebridge.targets.twocheckout.TwoCheckoutTargetTemplate;
import io.usagebridge.targets.zuora.soap.ZuoraSoapLookupRoutes;
import io.usagebridge.targets.zuora.soap.ZuoraSoapRoutes;

class IndexedRouteBuildersTest {

    @Test
    void theRouteBundlesBuildersAreFoundWithTheWiringFirst() throws Exception {
        List<Class<? extends RoutesBuilder>> found = IndexedRouteBuilders.find(getClass().getClassLoader());

        assertEquals(UsageBridgeWiring.class, found.get(0), "the wiring binds the beans the others name");
        assertTrue(found.containsAll(List.of(ErrorHandlingConfiguration.class, IngestRoute.class,
                RemoteStatusRoutes.class, TwoCheckoutTargetTemplate.class, ZuoraSoapRoutes.class,
                ZuoraSoapLookupRoutes.class, FolderSourceTemplate.class, SftpSourceTemplate.class)), found.toString());
        assertTrue(found.stream().noneMatch(c -> Modifier.isAbstract(c.getModifiers())));
        assertEquals(found.size(), IndexedRouteBuilders.create(getClass().getClassLoader()).size());
    }
}

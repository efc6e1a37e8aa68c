package io.usagebridge.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.junit.jupiter.api.Test;

/** The parameter lists the start-up checks use are the templates' own: one cannot drift from the other. */
class IntakeTemplatesTest {

    @Test
    void theListedParametersAreTheTemplatesOwn() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new FolderSourceTemplate());
            context.addRoutes(new SftpSourceTemplate());
            for (String id : List.of(FolderSourceTemplate.ID, SftpSourceTemplate.ID)) {
                RouteTemplateDefinition template = ((ModelCamelContext) context).getRouteTemplateDefinition(id);
                List<RouteTemplateParameterDefinition> parameters = template.getTemplateParameters();
                assertEquals(IntakeTemplates.PARAMETERS.get(id),
                        parameters.stream().map(RouteTemplateParameterDefinition::getName).toList(), id);
                assertEquals(IntakeTemplates.REQUIRED.get(id), parameters.stream()
                        .filter(p -> p.isRequired() && p.getDefaultValue() == null)
                        .map(RouteTemplateParameterDefinition::getName).toList(), id);
            }
        }
    }
}

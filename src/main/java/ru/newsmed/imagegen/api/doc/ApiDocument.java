package ru.newsmed.imagegen.api.doc;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import org.apache.camel.CamelContext;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.OpenApiHelper;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI 3 document of the REST API (GET /api/image-generation/api-doc), read from the REST
 * DSL by camel-openapi-java with what the DSL cannot say put right: the server is the origin of
 * {@code IMAGE_SERVICE_PUBLIC_BASE_URL} (Camel would name the bind address, 0.0.0.0); an
 * operation needs every credential its DSL lists together (Camel makes them alternatives); one
 * that lists none says so ({@code security: []}).
 */
@Component("imagegenApiDocument")
public class ApiDocument {

    private final CamelContext camelContext;
    private final String serverUrl;

    public ApiDocument(CamelContext camelContext, @Value("${imagegen.public-base-url}") String publicBaseUrl) {
        this.camelContext = camelContext;
        this.serverUrl = origin(publicBaseUrl);
    }

    /** The document as JSON, built at each call (it is small and rarely asked for). */
    public JsonNode document() throws Exception {
        Map<String, Object> properties = camelContext.getRestConfiguration().getApiProperties();
        BeanConfig config = new BeanConfig();
        RestOpenApiSupport support = new RestOpenApiSupport();
        support.initOpenApi(config, properties == null ? new HashMap<>() : new HashMap<>(properties));
        config.setSchemes(null);
        OpenAPI openApi = new RestOpenApiReader().read(camelContext, support.getRestDefinitions(camelContext), config,
                camelContext.getName(), camelContext.getClassResolver());
        OpenApiHelper.clearVendorExtensions(openApi);
        openApi.setServers(List.of(new Server().url(serverUrl)));
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocument::allCredentialsNeeded));
        return Json.mapper().valueToTree(openApi);
    }

    private static void allCredentialsNeeded(Operation operation) {
        SecurityRequirement together = new SecurityRequirement();
        if (operation.getSecurity() != null) {
            operation.getSecurity().forEach(together::putAll);
        }
        operation.setSecurity(together.isEmpty() ? new ArrayList<>() : List.of(together));
    }

    /** scheme://host[:port] of the public base URL (never its user info), or "/" (this server) when it names no host. */
    private static String origin(String publicBaseUrl) {
        try {
            URI uri = URI.create(publicBaseUrl.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "/";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}

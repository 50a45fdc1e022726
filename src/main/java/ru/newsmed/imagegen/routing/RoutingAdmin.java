package ru.newsmed.imagegen.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.StrictJson;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/**
 * {@code POST /admin/routing}: guarded by {@code Authorization: Bearer <IMAGE_ADMIN_TOKEN>} (the
 * endpoint does not exist while that is unset), it changes any of mode, rollout_percent and
 * fallback_enabled. Fields are checked strictly and unknown ones are refused, so a typo never
 * looks like a rollback that happened.
 */
@Component("imagegenRoutingAdmin")
public class RoutingAdmin {

    private final byte[] adminToken;
    private final ProviderRouting routing;
    private final StrictJson strictJson;

    public RoutingAdmin(@Value("${imagegen.admin-token:}") String adminToken, ProviderRouting routing,
                        StrictJson strictJson) {
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.strip().getBytes(StandardCharsets.UTF_8);
        this.routing = routing;
        this.strictJson = strictJson;
    }

    /** 404 while no admin token is set; otherwise the endpoint is there. */
    public void requireEnabled() {
        if (adminToken == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such resource");
        }
    }

    /** The bearer token must equal IMAGE_ADMIN_TOKEN (compared in constant time). */
    public void requireToken(@Header("Authorization") String authorization) {
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        if (!MessageDigest.isEqual(adminToken, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid admin token is required: Authorization: Bearer <IMAGE_ADMIN_TOKEN>");
        }
    }

    /** Applies the change in the body and answers the routing state now in force. */
    public Map<String, Object> change(@Body byte[] body, Exchange exchange) {
        JsonNode root;
        try {
            root = strictJson.read(body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body", "The request body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("mode") && !name.equals("rollout_percent") && !name.equals("fallback_enabled")) {
                throw new InvalidRequestException(name, name + " is not a routing setting: use mode, rollout_percent, fallback_enabled");
            }
        }
        return routing.change(mode(root.get("mode")), rollout(root.get("rollout_percent")),
                fallback(root.get("fallback_enabled")), callerAddress(exchange)).asBody();
    }

    /** The address the change came from (the admin's, never the token). */
    private static String callerAddress(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage() instanceof PlatformHttpMessage http ? http.getRequest()
                : exchange.getMessage().getHeader("CamelHttpServletRequest", HttpServletRequest.class);
        return request == null ? null : request.getRemoteAddr();
    }

    private static String mode(JsonNode node) {
        if (node == null) {
            return null;
        }
        String mode = node.isTextual() ? node.textValue().strip().toLowerCase(Locale.ROOT) : "";
        if (!RoutingState.MODES.contains(mode)) {
            throw new InvalidRequestException("mode", "mode must be one of gigachat, yandex, both");
        }
        return mode;
    }

    private static Integer rollout(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 100) {
            throw new InvalidRequestException("rollout_percent", "rollout_percent must be an integer from 0 to 100");
        }
        return node.intValue();
    }

    private static Boolean fallback(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException("fallback_enabled", "fallback_enabled must be true or false");
        }
        return node.booleanValue();
    }
}

package dev.sandpod.api.webhooks;

import dev.sandpod.runner.InvalidRunRequestException;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Guards against server-side request forgery: a webhook URL must be http(s) and every address its host
 * resolves to must be public, unless configuration allows private addresses. Checked when a run is
 * submitted and again before each delivery (DNS can change in between).
 */
@Singleton
public class WebhookUrls {

    private final WebhookConfiguration configuration;

    WebhookUrls(WebhookConfiguration configuration) {
        this.configuration = configuration;
    }

    /** @throws InvalidRunRequestException (field {@code webhookUrl}) naming what is wrong */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("webhookUrl is not a valid URL");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("webhookUrl must be an absolute http or https URL");
        }
        if (uri.getUserInfo() != null) {
            throw invalid("webhookUrl must not carry credentials");
        }
        if (!configuration.allowPrivateAddresses()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(address)) {
                        throw invalid("webhookUrl resolves to a loopback, private or link-local address ("
                                + address.getHostAddress() + "), which this server does not call");
                    }
                }
            } catch (UnknownHostException e) {
                throw invalid("webhookUrl host " + uri.getHost() + " does not resolve");
            }
        }
        return uri;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // 0/8, 100.64/10 shared
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) || first >= 240; // 192.0.0/24, reserved
    }

    private static InvalidRunRequestException invalid(String message) {
        return new InvalidRunRequestException("webhookUrl", message);
    }
}

package dev.newsflow.fetcher.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Classifies IP addresses for SSRF protection. Pure function of the address bytes, so every textual
 * trick (decimal, octal, IPv4-mapped IPv6) is judged by what the socket would really connect to.
 */
public final class AddressPolicy {

    /** What kind of network an address belongs to. Only {@link #PUBLIC} is fetched by default. */
    public enum AddressClass {
        PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, MULTICAST, RESERVED,
        /** Cloud instance metadata endpoints: never fetched, even when private networks are allowed. */
        METADATA
    }

    private AddressPolicy() {
    }

    public static AddressClass classify(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return classify6(v6.getAddress());
        }
        return classify4(address.getAddress());
    }

    /** Whether a connection to {@code address} is allowed under the given private-network permission. */
    public static boolean allowed(InetAddress address, boolean allowPrivateNetwork) {
        AddressClass c = classify(address);
        return c == AddressClass.PUBLIC || allowPrivateNetwork && c != AddressClass.METADATA;
    }

    static AddressClass classify4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        int a3 = b[3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254 || a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) {
            return AddressClass.METADATA; // AWS/GCP/Azure and Alibaba metadata services
        }
        if (a0 == 127) {
            return AddressClass.LOOPBACK;
        }
        if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168 || a0 == 100 && (a1 & 0xc0) == 64) {
            return AddressClass.PRIVATE; // RFC 1918 and carrier-grade NAT (RFC 6598)
        }
        if (a0 == 169 && a1 == 254) {
            return AddressClass.LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return AddressClass.MULTICAST;
        }
        if (a0 == 0 || a0 >= 240 || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) || a0 == 198 && (a1 & 0xfe) == 18
                || a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113) {
            return AddressClass.RESERVED; // this-network, reserved, broadcast, IETF, benchmarking, documentation
        }
        return AddressClass.PUBLIC;
    }

    static AddressClass classify6(byte[] b) {
        if (isZero(b, 0, 12)) {
            if (isZero(b, 12, 15)) {
                return b[15] == 1 ? AddressClass.LOOPBACK : AddressClass.RESERVED;
            }
            return classify4(tail4(b)); // deprecated IPv4-compatible form
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classify4(tail4(b)); // IPv4-mapped
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return classify4(tail4(b)); // NAT64 well-known prefix
        }
        if ((b[0] & 0xff) == 0xfd && (b[1] & 0xff) == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && isZero(b, 4, 14) && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54) {
            return AddressClass.METADATA; // AWS IPv6 metadata fd00:ec2::254
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return AddressClass.PRIVATE; // unique local fc00::/7
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return AddressClass.LINK_LOCAL;
        }
        if ((b[0] & 0xff) == 0xff) {
            return AddressClass.MULTICAST;
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return AddressClass.RESERVED; // documentation 2001:db8::/32
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return classify4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 embeds an IPv4 address
        }
        return AddressClass.PUBLIC;
    }

    private static boolean isZero(byte[] b, int from, int toExclusive) {
        for (int i = from; i < toExclusive; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail4(byte[] b) {
        return new byte[] {b[12], b[13], b[14], b[15]};
    }

    /** Parses an IP literal without any DNS lookup (for tests and the resolve map). */
    public static InetAddress literal(String ip) {
        try {
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}

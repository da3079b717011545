package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.fetcher.http.AddressPolicy.AddressClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.1.2.3, LOOPBACK", "::1, LOOPBACK",
        "10.0.0.1, PRIVATE", "172.16.5.4, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE", "100.64.0.1, PRIVATE",
        "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE",
        "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "169.254.169.254, METADATA", "100.100.100.200, METADATA", "fd00:ec2::254, METADATA", "::ffff:169.254.169.254, METADATA",
        "224.0.0.1, MULTICAST", "ff02::1, MULTICAST",
        "0.0.0.0, RESERVED", "255.255.255.255, RESERVED", "192.0.2.1, RESERVED", "198.18.0.1, RESERVED", "::, RESERVED",
        "2001:db8::1, RESERVED",
        "::ffff:127.0.0.1, LOOPBACK", "64:ff9b::a00:1, PRIVATE", "2002:a00:1::1, PRIVATE",
        "8.8.8.8, PUBLIC", "172.32.0.1, PUBLIC", "93.184.216.34, PUBLIC", "2606:4700::1111, PUBLIC"
    })
    void shouldClassifyAddresses(String ip, AddressClass expected) {
        assertThat(AddressPolicy.classify(AddressPolicy.literal(ip))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: allowed={1}, with allow-private-network={2}")
    @CsvSource({"8.8.8.8, true, true", "127.0.0.1, false, true", "10.1.1.1, false, true", "169.254.169.254, false, false",
        "fd00:ec2::254, false, false"})
    void shouldNeverAllowMetadataEvenWhenPrivateNetworksAreAllowed(String ip, boolean byDefault, boolean withPrivate) {
        assertThat(AddressPolicy.allowed(AddressPolicy.literal(ip), false)).isEqualTo(byDefault);
        assertThat(AddressPolicy.allowed(AddressPolicy.literal(ip), true)).isEqualTo(withPrivate);
    }
}

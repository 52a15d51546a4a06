package org.openuid.server.cstg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registrable-domain rule of spec endpoints.md §4.1 (6b) and its examples. */
class RegistrableDomainTest {
    @Test
    void referenceExamples() {
        assertThat(RegistrableDomain.ofOrigin("https://cstg.co.uk")).isEqualTo("cstg.co.uk");
        assertThat(RegistrableDomain.ofOrigin("https://www.cstg.co.uk")).isEqualTo("cstg.co.uk");
        assertThat(RegistrableDomain.ofOrigin("https://cstg2.com")).isEqualTo("cstg2.com");
        assertThat(RegistrableDomain.ofOrigin("http://localhost:8080")).isEqualTo("localhost");
        assertThat(RegistrableDomain.ofOrigin("https://blahblah.com")).isEqualTo("blahblah.com");
        assertThat(RegistrableDomain.ofOrigin("http://local1host:8080")).isNull();
    }

    @Test
    void privateSuffixesLocalhostAndRejects() {
        assertThat(RegistrableDomain.ofOrigin("https://foo.github.io")).isEqualTo("foo.github.io");
        assertThat(RegistrableDomain.ofOrigin("https://a.foo.github.io")).isEqualTo("foo.github.io");
        assertThat(RegistrableDomain.ofOrigin("https://WWW.Example.COM:8443")).isEqualTo("example.com");
        assertThat(RegistrableDomain.ofOrigin("http://app.localhost:3000")).isEqualTo("localhost");
        assertThat(RegistrableDomain.ofOrigin("http://a.b.localhost")).isNull();
        assertThat(RegistrableDomain.ofOrigin("http://127.0.0.1:8080")).isNull();
        assertThat(RegistrableDomain.ofOrigin("http://[::1]:8080")).isNull();
        assertThat(RegistrableDomain.ofOrigin("https://github.io")).isNull();
        assertThat(RegistrableDomain.ofOrigin("https://com")).isNull();
        assertThat(RegistrableDomain.ofOrigin("null")).isNull();
        assertThat(RegistrableDomain.ofOrigin("example.com")).isNull();
        assertThat(RegistrableDomain.ofOrigin("https://intranet.corp")).isNull();
        assertThat(RegistrableDomain.ofOrigin(null)).isNull();
        assertThat(RegistrableDomain.ofOrigin("::")).isNull();
    }

    @Test
    void normalizeForSiteSettings() {
        assertThat(RegistrableDomain.normalize("example.com")).isEqualTo("example.com");
        assertThat(RegistrableDomain.normalize(" www.Example.com ")).isEqualTo("example.com");
        assertThat(RegistrableDomain.normalize("https://shop.example.co.uk/path")).isEqualTo("example.co.uk");
        assertThat(RegistrableDomain.normalize("localhost:8080")).isEqualTo("localhost");
        assertThatThrownBy(() -> RegistrableDomain.normalize("10.0.0.1")).hasMessageContaining("not a registrable domain");
        assertThatThrownBy(() -> RegistrableDomain.normalize("co.uk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistrableDomain.normalize("")).isInstanceOf(IllegalArgumentException.class);
    }
}

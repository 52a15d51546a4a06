package org.openuid.server.manage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.Role;
import org.openuid.core.model.Site;
import org.openuid.store.AuditEntry;
import org.openuid.store.NewAdminToken;
import org.openuid.store.Store;
import org.openuid.store.Stores;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The services over a real embedded store: what they change, and the kind and message of what they refuse. */
class ServicesTest {
    static final long NOW_SEC = 1_780_308_000L;
    static final long LIFETIME = 30L * 86_400;

    Path dir;
    Store store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("openuid-services");
        store = Stores.open(dir.toString());
        Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(16), NOW_SEC * 1000);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void refused(Runnable call, ServiceException.Kind kind, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aNewSiteHasItsOwnDefaultKeysetAndUnknownSitesAreNotFound() {
        SiteService sites = new SiteService(store, LIFETIME);
        SiteService.Created c = sites.create(" News ", List.of("https://www.example-news.co.uk"), List.of("com.news"), NOW_SEC);
        assertThat(c.site().name()).isEqualTo("News");
        assertThat(c.site().domainNames()).containsExactly("example-news.co.uk");
        Keyset ks = new KeysetService(store, LIFETIME).existing(c.defaultKeysetId());
        assertThat(ks.siteId()).isEqualTo(c.site().id());
        assertThat(ks.isDefault()).isTrue();
        assertThat(ks.allowedSites()).isEmpty();

        Site renamed = sites.update(c.site().id(), new SiteService.Update("Daily", null, null, false));
        assertThat(renamed.name()).isEqualTo("Daily");
        assertThat(renamed.enabled()).isFalse();
        refused(() -> sites.update(999_999, new SiteService.Update("x", null, null, null)),
                ServiceException.Kind.NOT_FOUND, "site 999999 does not exist");
        assertThatThrownBy(() -> sites.create("x".repeat(201), null, null, NOW_SEC)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be at most 200 characters");
    }

    @Test
    void clientsKeysetsKeypairsAndLinksRefuseUnknownIdsAndConflicts() {
        int site = new SiteService(store, LIFETIME).create("Pub", null, null, NOW_SEC).site().id();
        ClientService clients = new ClientService(store);
        refused(() -> clients.existing("nope"), ServiceException.Kind.NOT_FOUND, "no client with key id 'nope'");
        assertThat(clients.create(site, "gen", EnumSet.of(Role.GENERATOR), NOW_SEC).client().siteId()).isEqualTo(site);
        assertThat(clients.list(site)).hasSize(1);

        KeysetService keysets = new KeysetService(store, LIFETIME);
        refused(() -> keysets.create(999_999, null, null, false, NOW_SEC), ServiceException.Kind.INVALID,
                "site 999999 does not exist");
        refused(() -> keysets.existing(999_999), ServiceException.Kind.NOT_FOUND, "keyset 999999 does not exist");

        KeypairService keypairs = new KeypairService(store);
        refused(() -> keypairs.setDisabled("abc", true), ServiceException.Kind.NOT_FOUND,
                "no client-side keypair with subscription id 'abc'");

        ServiceLinkService links = new ServiceLinkService(store);
        int service = links.create(site, "svc", EnumSet.of(Role.MAPPER)).serviceId();
        links.createLink(service, "l1", site, "", EnumSet.of(Role.MAPPER));
        refused(() -> links.createLink(service, "l1", site, "", EnumSet.of(Role.MAPPER)), ServiceException.Kind.CONFLICT,
                "service " + service + " already has a link 'l1'");
        refused(() -> links.setDisabled(service, "l2", true), ServiceException.Kind.NOT_FOUND,
                "no link 'l2' of service " + service);
        assertThat(links.setDisabled(service, "l1", true).disabled()).isTrue();
    }

    @Test
    void forcedRotationNeedsNowAndExistingKeysets() {
        KeyService keys = new KeyService(store, null, null);
        refused(() -> keys.forced(List.of(1), false), ServiceException.Kind.INVALID, "keyset_ids is only used with \"now\": true");
        refused(() -> keys.forced(List.of(999_999), true), ServiceException.Kind.INVALID, "keyset 999999 does not exist");
        assertThat(keys.forced(null, true).test(42)).isTrue();
        assertThat(keys.forced(null, false).test(42)).isFalse();
        refused(() -> SaltService.checkFraction(1.5), ServiceException.Kind.INVALID, "fraction must be between 0 and 1, got 1.5");
        refused(() -> SaltService.checkMinAgeDays(-1), ServiceException.Kind.INVALID, "min_age_days must not be negative, got -1");
    }

    @Test
    void resettingTheAdminTokenDisablesEveryOtherAndIsAuditedAsLocal() {
        AdminTokenService tokens = new AdminTokenService(store);
        NewAdminToken first = tokens.reset("first", NOW_SEC * 1000);
        NewAdminToken second = tokens.reset(null, NOW_SEC * 1000);
        assertThat(store.adminTokens()).filteredOn(t -> !t.disabled()).extracting(t -> t.tokenId())
                .containsExactly(second.record().tokenId());
        assertThat(second.record().name()).isEqualTo("reset admin token");
        List<AuditEntry> audit = store.auditLog(0, 10);
        assertThat(audit).extracting(AuditEntry::operation).contains("admin_token.reset");
        assertThat(audit).extracting(AuditEntry::actorId).containsOnly(AdminPrincipal.LOCAL.id());
        assertThat(audit).extracting(AuditEntry::targetId).contains(first.record().tokenId(), second.record().tokenId());
    }
}

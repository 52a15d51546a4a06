package org.openuid.server.cli;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.Store;
import org.openuid.store.SnapshotLoader;
import org.openuid.server.StoreFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code openuid admin optout add}: records a user's opt-out; it is durable when the command returns. */
@Command(name = "optout", mixinStandardHelpOptions = true, description = "Record opt-outs.")
final class OptOutCommands {

    static final class Dii {
        @Option(names = "--email", required = true) String email;
        @Option(names = "--email-hash", required = true) String emailHash;
        @Option(names = "--phone", required = true) String phone;
        @Option(names = "--phone-hash", required = true) String phoneHash;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Opt a user out (exactly one of the DII options).")
    int add(@Mixin StoreOptions so, @ArgGroup(exclusive = true, multiplicity = "1") Dii dii) throws Exception {
        DiiKind kind = dii.email != null ? DiiKind.EMAIL : dii.emailHash != null ? DiiKind.EMAIL_HASH
                : dii.phone != null ? DiiKind.PHONE : DiiKind.PHONE_HASH;
        String value = dii.email != null ? dii.email : dii.emailHash != null ? dii.emailHash
                : dii.phone != null ? dii.phone : dii.phoneHash;
        UserIdentity identity = DiiParser.parse(kind, value);
        if (identity == null) throw new IllegalArgumentException("invalid " + kind.field + ": " + value);
        OperatorConfig config = so.config(Map.of());
        try (Store store = StoreFactory.openExisting(config)) {
            Snapshot s = SnapshotLoader.load(store);
            TokenService tokens = new TokenService(config.identityScope(), config.identityV3(), IvSource.secure());
            OptOutRecord r = OptOutRecords.forIdentity(s, tokens, identity, System.currentTimeMillis() / 1000);
            long seq = store.addOptOut(r);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sequence", seq);
            out.put("advertising_id", Base64.getEncoder().encodeToString(r.rawUid()));
            out.put("opted_out_since", r.timestampSeconds() * 1000);
            AdminCommand.print(out);
        }
        return 0;
    }
}

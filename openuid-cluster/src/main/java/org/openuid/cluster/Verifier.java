package org.openuid.cluster;

import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a scenario, asks every node directly (not through the load balancer) about every acknowledged opt-out: token
 * generation must answer {@code optout} and {@code /v2/optout/status} must report the raw UID. An opt-out that some
 * node does not honour is lost.
 */
final class Verifier {
    private static final int STATUS_BATCH = 1000;

    /**
     * Acknowledged, honoured on every node, the emails not honoured somewhere (with the node), and how many were checked
     * by token generation only because a salt rotation may have changed their raw UID ({@link OptOutLedger}).
     */
    record OptOutCheck(int acknowledged, int honouredEverywhere, List<String> lost, int statusNotComparable) {}

    static OptOutCheck checkOptOuts(Cluster c, OptOutLedger ledger) throws Exception {
        List<OptOutLedger.Entry> all = ledger.all();
        List<OptOutLedger.Entry> comparable = all.stream().filter(e -> !ledger.straddlesSaltRotation(e)).toList();
        Set<String> lost = new HashSet<>();
        List<String> details = new ArrayList<>();
        V2Client v2 = new V2Client();
        for (Node n : c.nodes) {
            if (!n.alive()) throw new IllegalStateException(n.name + " is not running: cannot verify opt-outs on it");
            PublisherUid2Client publisher = new PublisherUid2Client(n.baseUrl(), c.credentials.role("GENERATOR").key(),
                    c.credentials.role("GENERATOR").secret());
            for (OptOutLedger.Entry e : all) {
                if (!publisher.generateTokenResponse(TokenGenerateInput.fromEmail(e.email())).isOptout() && lost.add(e.email()))
                    details.add(e.email() + " not opted out on " + n.name + " (token generate)");
            }
            for (int i = 0; i < comparable.size(); i += STATUS_BATCH) {
                List<OptOutLedger.Entry> batch = comparable.subList(i, Math.min(comparable.size(), i + STATUS_BATCH));
                StringBuilder ids = new StringBuilder();
                for (OptOutLedger.Entry e : batch) ids.append(ids.length() == 0 ? "" : ",").append('"').append(e.rawUid()).append('"');
                V2Client.Answer a = v2.post(n.baseUrl(), TrafficDriver.OPTOUT_STATUS, c.credentials.role("MAPPER"), "{\"advertising_ids\":[" + ids + "]}");
                if (a.status() != 200) throw new IllegalStateException(n.name + " answered " + a.status() + " to opt-out status: " + a.body());
                String reported = a.json().path("body").path("opted_out").toString();
                for (OptOutLedger.Entry e : batch)
                    if (!reported.contains(e.rawUid()) && lost.add(e.email())) details.add(e.email() + " not reported by " + n.name + " (opt-out status)");
            }
        }
        return new OptOutCheck(all.size(), all.size() - lost.size(), details, all.size() - comparable.size());
    }
}

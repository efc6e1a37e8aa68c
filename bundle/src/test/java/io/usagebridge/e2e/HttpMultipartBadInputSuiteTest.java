package io.usagebridge.e2e;

import static io.usagebridge.e2e.BadInputCase.done;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The bad-input suite for the http-multipart target (required-columns OptionCode,SubscriptionRef): the cases of
 * bad-input/any-csv/cases.csv and bad-input/http-multipart/cases.csv, the chunk limits of {@link ChunkLimitCases}
 * and names with spaces, unicode and {@code ..}, all dropped at once into one app, held to {@link BadInputBar}.
 */
class HttpMultipartBadInputSuiteTest extends HttpMultipartTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target." + TARGET + ".required-columns", "OptionCode,SubscriptionRef");
        return ChunkLimitCases.limits(p, TARGET);
    }

    @Test
    void everyCaseEndsAsDocumentedAndOnlyTheGoodOnesReachTheReceiverOnce() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(BadInputCases.read(
                BadInputCases.SUITE.resolve("any-csv/cases.csv"), TARGET));
        cases.addAll(BadInputCases.read(BadInputCases.SUITE.resolve("http-multipart/cases.csv"), TARGET));
        cases.addAll(ChunkLimitCases.of(bar, TARGET));
        for (String name : List.of("usage ünïcödé 東京.csv", "usage..2026-11.csv")) {
            cases.add(done(TARGET + "/" + name, bar.generated(TARGET + "/" + name, NameCases.content(name)), 1));
        }

        bar.drop(cases);

        bar.assertMet(cases, () -> receiver.stored().size(), context, "intake-folder");
    }
}

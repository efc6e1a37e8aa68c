package io.usagebridge.faults.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Puts the three witnesses together for each file: the folders, the target's arrivals, the ledger's uncertain rows. */
public final class OutcomeJudge {

    private OutcomeJudge() {
    }

    public static Outcome judge(List<GeneratedFile> files, FolderCensus census, TargetArrivals arrivals,
                                List<LedgerAccess.UncertainDelivery> uncertain) {
        Set<String> uncertainSources = uncertain.stream().map(LedgerAccess.UncertainDelivery::sourceSha256)
                .collect(Collectors.toSet());
        List<FileOutcome> outcomes = new ArrayList<>();
        for (GeneratedFile file : files) {
            List<Place> places = census.placesOf(file.sha256());
            String code = census.failedCode(file.sha256());
            boolean isUncertain = uncertainSources.contains(file.sha256());
            boolean failedWithReason = places.contains(Place.FAILED) && code != null;
            int accepted = 0;
            int duplicated = 0;
            int lost = 0;
            for (String id : file.rowIds()) {
                int n = arrivals.count(id);
                if (n > 0) {
                    accepted++;
                }
                if (n > 1) {
                    duplicated++;
                }
                if (n == 0 && file.valid() && !failedWithReason && !isUncertain) {
                    lost++;
                }
            }
            outcomes.add(new FileOutcome(file, places, code, accepted, duplicated, lost, isUncertain));
        }
        return new Outcome(outcomes);
    }
}

package io.usagebridge.ledger;

/** Where the original of a source goes for each outcome, decided by the intake before settling. */
public record OriginalPlaces(String doneTo, String failedTo, String duplicateTo, String inflightTo, String doneDir,
                             String failedDir, String sidecarDir) {

    public String forOutcome(SourceState outcome) {
        return switch (outcome) {
            case DONE, DONE_WITH_REJECTS -> doneTo;
            case DUPLICATE -> duplicateTo;
            case PENDING -> inflightTo;
            default -> failedTo;
        };
    }
}

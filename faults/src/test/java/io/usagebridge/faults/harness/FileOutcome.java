package io.usagebridge.faults.harness;

import java.util.List;

/**
 * What became of one input file: where its original is, how many of its rows the target accepted once, twice or
 * never, and whether the app left it uncertain for an operator.
 *
 * @param failedCode the code in the sidecar beside it in failed/, or null
 */
public record FileOutcome(GeneratedFile file, List<Place> places, String failedCode, int rowsAccepted,
                          int rowsDuplicated, int rowsLost, boolean uncertain) {

    public boolean acceptedAtTarget() {
        return rowsAccepted == file.rowIds().size();
    }

    /** Exactly one original, in done/, failed/ or duplicate/. */
    public boolean placed() {
        return places.size() == 1 && places.get(0).isFinal();
    }

    /** Where a user expects it once every delivery is final: done/ for a valid file, failed/ with a code if not. */
    public boolean inExpectedPlace() {
        return file.valid() ? places.equals(List.of(Place.DONE))
                : places.equals(List.of(Place.FAILED)) && failedCode != null;
    }

    public String where() {
        return places.isEmpty() ? "nowhere" : String.join(" and ", places.stream().map(Place::folder).toList());
    }
}

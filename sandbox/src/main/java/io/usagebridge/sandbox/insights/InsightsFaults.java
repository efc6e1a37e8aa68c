package io.usagebridge.sandbox.insights;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Insights simulator's own fault knobs, besides the shared ones of its two servers (the API's failNext, the
 * store's dropNext): each applies to the next n matching requests, then wears off.
 */
final class InsightsFaults {

    private record PutFailure(String recordType, int status, int[] remaining) {
    }

    private final List<PutFailure> putFailures = new ArrayList<>();
    private int expiredAtStore;
    private int expiredAtIssue;
    private int redirects;
    private String redirectLocation;
    private String issueHost;

    synchronized void failNextPuts(String recordType, int n, int status) {
        putFailures.add(new PutFailure(recordType, status, new int[] {n}));
    }

    /** The status a PUT of this record type fails with, or 0. */
    synchronized int nextPutFailure(String recordType) {
        for (Iterator<PutFailure> it = putFailures.iterator(); it.hasNext(); ) {
            PutFailure f = it.next();
            if (f.recordType() == null || f.recordType().equals(recordType)) {
                if (--f.remaining()[0] <= 0) {
                    it.remove();
                }
                return f.status();
            }
        }
        return 0;
    }

    synchronized void expireNextAtStore(int n) {
        expiredAtStore = n;
    }

    synchronized boolean expiredAtStore() {
        return expiredAtStore > 0 && expiredAtStore-- > 0;
    }

    synchronized void issueExpiredNext(int n) {
        expiredAtIssue = n;
    }

    synchronized boolean issueExpired() {
        return expiredAtIssue > 0 && expiredAtIssue-- > 0;
    }

    synchronized void redirectNextPuts(int n, String location) {
        redirects = n;
        redirectLocation = location;
    }

    /** Where the next PUT is redirected, or null. */
    synchronized String redirect() {
        return redirects > 0 && redirects-- > 0 ? redirectLocation : null;
    }

    synchronized void issueUrlsForHost(String host) {
        issueHost = host;
    }

    synchronized String issueHost() {
        return issueHost;
    }

    synchronized void clear() {
        putFailures.clear();
        expiredAtStore = 0;
        expiredAtIssue = 0;
        redirects = 0;
        redirectLocation = null;
        issueHost = null;
    }
}
